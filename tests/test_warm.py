"""Warm rebuilds (booklet.cache.memory, in front of booklet.cache.disk): a build that reuses what earlier builds made gives the PDF of a cold build, byte for byte."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

from PIL import Image

from booklet import watch as watching
from booklet.build import PrintOptions, build_booklet
from booklet.cache import BuildCache
from booklet.watch import Rebuild, rebuild, watch

from .helpers import BASE, write_conference
from .pdftext import Pdf

ROOT = Path(__file__).resolve().parent.parent

LONG = (
    "We fit *hierarchical* models to $\\sim 30\\%$ of the H$\\alpha$ survey, with $x_i^2$ and $M_\\odot$; "
    "the posterior is sampled with a well-tempered sequential Monte Carlo scheme. " * 6
)


def _photo(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 500), colour).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _abstracts(text: str) -> str:
    return (BASE["abstracts.yaml"]
            .replace("affiliation: Uni A}", "affiliation: Uni A, photo: images/ana.jpg}")
            .replace("abstract: Some text.", f"abstract: |\n    {text}")
            .replace("abstract: More text.", f"abstract: |\n    Second paragraph.\n\n    {LONG}"))


def _cold(folder: Path, out: Path, options: PrintOptions | None = None) -> bytes:
    """The PDF of a build with a fresh cache (what `booklet build` does with the disk cache off)."""
    build_booklet(folder, out, options=options, cache=BuildCache(warm=False))
    return out.read_bytes()


def test_a_warm_build_after_edits_is_byte_for_byte_a_cold_build(tmp_path):
    folder = write_conference(tmp_path / "data", {"abstracts.yaml": _abstracts(LONG),
                                                   "images/ana.jpg": _photo((200, 60, 30))})
    cache, warm, cold = BuildCache(), tmp_path / "warm.pdf", tmp_path / "cold.pdf"

    def same_as_cold(options: PrintOptions | None = None) -> bytes:
        build_booklet(folder, warm, options=options, cache=cache)
        assert warm.read_bytes() == _cold(folder, cold, options)
        return warm.read_bytes()

    first = same_as_cold()
    assert cache.made["layouts"] > 20 and cache.made["images"] >= 1

    (folder / "abstracts.yaml").write_text(_abstracts("An edited abstract. " + LONG), encoding="utf-8")
    edited = same_as_cold()
    assert edited != first and "An edited abstract." in " ".join(Pdf(warm).texts)
    # only the edited abstract's paragraph was converted to markup and laid out anew; the photo and the other files
    # were kept (files: abstracts.yaml, its edited item and that item's checked entry)
    assert cache.made["layouts"] <= 4 and "images" not in cache.made and cache.made["files"] == 3

    (folder / "abstracts.yaml").write_text(_abstracts(LONG), encoding="utf-8")
    build_booklet(folder, warm, cache=cache)  # the first build's data again: its cold bytes are `first`
    assert warm.read_bytes() == first

    (folder / "images" / "ana.jpg").write_bytes(_photo((30, 60, 200)))  # the image changed, its name did not
    recoloured = same_as_cold()
    assert recoloured != first and cache.made["images"] >= 1

    same_as_cold(PrintOptions(page_size="A4"))
    (folder / "theme.yaml").write_text("base: modern\n", encoding="utf-8")
    same_as_cold()
    same_as_cold(PrintOptions(page_size="A4", cmyk=True, crop_marks=True))
    assert cache.made.get("layouts", 0) > 0  # each of these laid the paragraphs out for what changed


def test_a_failed_build_keeps_the_cache_and_the_next_good_one_is_cold_identical(tmp_path):
    folder = write_conference(tmp_path / "data", {"abstracts.yaml": _abstracts(LONG),
                                                   "images/ana.jpg": _photo((200, 60, 30))})
    cache, out = BuildCache(), tmp_path / "b.pdf"
    assert rebuild(folder, out, cache=cache).ok
    good = BASE["programme.yaml"]
    (folder / "programme.yaml").write_text(good.replace("talk: lund-2026", "talk: nobody"), encoding="utf-8")
    failed = rebuild(folder, out, cache=cache)
    assert not failed.ok and "no abstract with id 'nobody'" in failed.problems[0].message
    (folder / "programme.yaml").write_text(good, encoding="utf-8")
    assert rebuild(folder, out, cache=cache).ok
    assert "layouts" not in cache.made  # every paragraph as the first build laid it out
    assert out.read_bytes() == _cold(folder, tmp_path / "cold.pdf")


def test_watch_rebuilds_with_one_cache(tmp_path, monkeypatch):
    folder = write_conference(tmp_path / "data")
    caches = []
    real = watching.rebuild

    def spy(data_dir, output, options=None, cache=None, jobs=None):
        caches.append(cache)
        return real(data_dir, output, options, cache, jobs)

    monkeypatch.setattr(watching, "rebuild", spy)
    events = []

    def watcher(roots, wanted):
        (folder / "abstracts.yaml").write_text(BASE["abstracts.yaml"].replace("Some text.", "New text."),
                                               encoding="utf-8")
        yield [folder / "abstracts.yaml"]

    watch(folder, tmp_path / "out.pdf", report=events.append, watcher=watcher)  # returns when the watcher ends
    results = [e for e in events if isinstance(e, Rebuild)]
    assert [r.ok for r in results] == [True, True]
    assert len(caches) == 2 and isinstance(caches[0], BuildCache) and caches[0] is caches[1]
    assert caches[1].made.get("layouts", 0) <= 4  # the second build reused the first one's paragraphs (and markup)



def test_the_memory_cache_stands_in_front_of_the_disk_cache(tmp_path, monkeypatch):
    disk = tmp_path / "disk"
    monkeypatch.setenv("BOOKLET_CACHE", str(disk))
    folder = write_conference(tmp_path / "data", {"abstracts.yaml": _abstracts(LONG),
                                                   "images/ana.jpg": _photo((200, 60, 30))})
    cache, warm = BuildCache(), tmp_path / "warm.pdf"
    build_booklet(folder, warm, cache=cache)
    kept = sorted((disk / "images").glob("*.pickle"))
    assert len(kept) == 2  # the photo's size, and the photo made ready for its box
    for path in kept:
        path.write_bytes(b"damaged")
    (folder / "abstracts.yaml").write_text(_abstracts("An edited abstract. " + LONG), encoding="utf-8")
    build_booklet(folder, warm, cache=cache)
    # the photo came from the build's memory: the disk cache was not read (a miss there would have written it)
    assert "images" not in cache.made and [path.read_bytes() for path in kept] == [b"damaged"] * 2
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    assert warm.read_bytes() == _cold(folder, tmp_path / "off.pdf")
    monkeypatch.setenv("BOOKLET_CACHE", str(disk))
    assert warm.read_bytes() == _cold(folder, tmp_path / "damaged.pdf")  # a cold build makes the entries again
    assert all(path.read_bytes() != b"damaged" for path in kept)


def test_names_moved_to_other_pages_by_an_edit_give_the_index_of_a_cold_build(tmp_path, monkeypatch):
    """Paragraphs with the index's person marks and with links within the document are replayed warm
    (their marks noted again, their links made again, in order, on the page they land on): an edit that
    moves names to other pages moves them in the index, its links and anchors exactly as a cold build.
    First, the sample rebuilt warm after an edit of one paragraph is its cold build, and that paragraph's markup and
    layouts alone are made anew (no image, no QR code)."""
    from booklet.layout.index import IndexEntry
    from booklet.text.paragraph import MathParagraph

    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    cache, warm = BuildCache(), tmp_path / "warm.pdf"
    drawn, entries = [], []
    real, real_entry = MathParagraph.draw, IndexEntry._draw_lines

    def spy(self):
        drawn.append(self.text)
        return real(self)

    monkeypatch.setattr(MathParagraph, "draw", spy)
    monkeypatch.setattr(IndexEntry, "_draw_lines", lambda self: entries.append(self.words) or real_entry(self))
    build_booklet(folder, warm, cache=cache)
    first = warm.read_bytes()
    before = Pdf(warm)
    entry = before.pages_with("Abebe, Selam")
    cold_marked = [t for t in drawn if 'name="person"' in t]
    assert len(cold_marked) > 50 and len(entries) > 50  # the index's entries (IndexEntry) hold its links
    path = folder / "abstracts.yaml"
    text = path.read_text(encoding="utf-8")
    assert "Astronomy has always been" in text
    path.write_text(text.replace("Astronomy has always been", "Astronomy was always", 1), encoding="utf-8")
    drawn.clear()
    entries.clear()
    build_booklet(folder, warm, cache=cache)  # no name moved: their paragraphs and the index are replayed
    # the edited paragraph's markup and its layouts (parsed, wrapped, drawn) alone were made
    assert cache.made["layouts"] <= 4 and "images" not in cache.made and "qr" not in cache.made
    assert warm.read_bytes() != first
    assert [t for t in drawn if '<a href="#' in t] == [] and entries == []
    # of the rows and headers naming people, only the names beside a photo (lines set by BesidePhoto) are drawn
    assert len([t for t in drawn if 'name="person"' in t]) <= 10 < len(cold_marked) // 5
    assert warm.read_bytes() == _cold(folder, tmp_path / "cold.pdf")

    path.write_text(text.replace("Astronomy has always been", LONG.replace("$", "") * 2 + " Astronomy has always been",
                                 1), encoding="utf-8")
    drawn.clear()
    build_booklet(folder, warm, cache=cache)
    monkeypatch.setattr(MathParagraph, "draw", real)
    monkeypatch.setattr(IndexEntry, "_draw_lines", real_entry)
    assert warm.read_bytes() == _cold(folder, tmp_path / "cold.pdf")
    after = Pdf(warm)
    # the index names other pages now: the names after the edit moved
    assert [after.lines(i) for i in after.pages_with("Abebe, Selam")] != [before.lines(i) for i in entry]
    assert len([t for t in drawn if t and 'name="person"' in t]) <= 10  # rows and headers replayed on other pages


def test_a_warm_rebuild_after_the_themes_fonts_changed_is_a_new_processs_build(tmp_path):
    """What is measured in the fonts BODY-Italic and the like name (a math letter's italic correction) is measured
    again when the theme changes them: the PDF is the one a new process builds (where nothing was measured before)."""
    import os
    import subprocess
    import sys

    folder = write_conference(tmp_path / "data", {"abstracts.yaml": _abstracts("Fits of $f^2$ and $x_i^2$. " + LONG),
                                                   "images/ana.jpg": _photo((200, 60, 30))})
    cache, warm, fresh = BuildCache(), tmp_path / "warm.pdf", tmp_path / "fresh.pdf"
    build_booklet(folder, warm, cache=cache)
    (folder / "theme.yaml").write_text("base: modern\n", encoding="utf-8")
    build_booklet(folder, warm, cache=cache)
    subprocess.run([sys.executable, "-c", "import sys; from booklet.build import build_booklet; "
                    "build_booklet(sys.argv[1], sys.argv[2])", str(folder), str(fresh)],
                   check=True, env={**os.environ, "BOOKLET_CACHE": "off"}, cwd=ROOT)
    assert warm.read_bytes() == fresh.read_bytes()


def _base_fonts(pdf: Path) -> set[str]:
    """The fonts a PDF embeds, by PostScript name without the subset's tag ('GentiumBookPlus')."""
    import pypdf

    names = set()
    for page in pypdf.PdfReader(str(pdf)).pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            names.add(str(font.get_object().get("/BaseFont")).split("+")[-1])
    return names



def _own_text_font(tmp_path, bundled: str):
    """A conference whose theme's text font is the data folder's fonts/Mine-Regular.ttf, a copy of the bundled file
    `bundled`: (the folder, that font file)."""
    from booklet.text.fonts import FONT_DIR

    folder = write_conference(tmp_path / "data", {"abstracts.yaml": _abstracts(LONG),
                                                   "images/ana.jpg": _photo((200, 60, 30)),
                                                   "theme.yaml": "fonts: {text: fonts/Mine-Regular.ttf}\n"})
    font = folder / "fonts/Mine-Regular.ttf"
    font.parent.mkdir()
    font.write_bytes((FONT_DIR / bundled).read_bytes())
    return folder, font

def test_a_font_file_replaced_in_place_is_read_again_by_the_next_build_through_the_same_cache(tmp_path, monkeypatch):
    """A library user's (or a watch's) cache kept drawing with a theme's font file as this process first parsed it:
    written over with another font (same path), the next build embedded the old one. Now each build looks at the files
    it parsed (one os.stat each): the replaced one is parsed again, and the PDF is the one a new process builds; a
    rebuild with nothing changed parses no font; the file put back as it was gives the first PDF again."""
    import os
    import subprocess
    import sys

    from booklet.text import fonts
    from booklet.text.fonts import DEFAULT, FONT_DIR, use_fonts

    folder, font = _own_text_font(tmp_path, "NotoSans-Regular.ttf")
    cache, first, warm, fresh = BuildCache(), tmp_path / "first.pdf", tmp_path / "warm.pdf", tmp_path / "fresh.pdf"
    try:
        build_booklet(folder, first, cache=cache)
        assert "GentiumBookPlus" not in _base_fonts(first)
        parsed = []
        parse = fonts._parse_font_file
        monkeypatch.setattr(fonts, "_parse_font_file", lambda path: parsed.append(path) or parse(path))
        build_booklet(folder, warm, cache=cache)  # nothing changed: no font read again
        assert parsed == [] and warm.read_bytes() == first.read_bytes()

        (folder / "fonts/new.ttf").write_bytes((FONT_DIR / "GentiumBookPlus-Regular.ttf").read_bytes())
        os.replace(folder / "fonts/new.ttf", font)  # (as an editor or a copy replaces a file)
        build_booklet(folder, warm, cache=cache)
        # (and the bundled headings font: a copy of the file's old font, which was its font object)
        assert sorted(parsed) == sorted([font, FONT_DIR / "NotoSans-Regular.ttf"])
        assert "GentiumBookPlus" in _base_fonts(warm)
        subprocess.run([sys.executable, "-c", "import sys; from booklet.build import build_booklet; "
                        "build_booklet(sys.argv[1], sys.argv[2])", str(folder), str(fresh)],
                       check=True, env={**os.environ, "BOOKLET_CACHE": "off"}, cwd=ROOT)
        assert warm.read_bytes() == fresh.read_bytes()

        font.write_bytes((FONT_DIR / "NotoSans-Regular.ttf").read_bytes())  # written over in place, as it was
        build_booklet(folder, warm, cache=cache)
        assert warm.read_bytes() == first.read_bytes()
    finally:
        cache.close()
        use_fonts(DEFAULT)


def test_a_font_file_replaced_in_place_that_a_bundled_font_was_a_copy_of_is_named_apart_as_a_new_process_names_it(
        tmp_path):
    """A theme's text font that is a copy of the bundled Noto Sans is parsed first: the bundled headings font, the same
    bytes, is its font object, under the theme file's name. Written over with another file of the same PostScript name
    (here, the same font with four bytes more), the file's new font took that name while the old object stayed the
    headings', now with the new file's digest: the two were not named apart, and the warm rebuild failed as it saved
    the PDF (ReportLab: "redefining named object 'toUnicodeCMap:AAAAAA+NotoSans-Regular'"). Now the copies of a replaced
    file's font are forgotten with it: the rebuild is a new process's, byte for byte, with both fonts embedded."""
    import os
    import subprocess
    import sys

    from booklet.text.fonts import DEFAULT, FONT_DIR, use_fonts

    folder = write_conference(tmp_path / "data", {"abstracts.yaml": _abstracts(LONG),
                                                   "images/ana.jpg": _photo((200, 60, 30)),
                                                   "theme.yaml": "fonts: {text: fonts/Mine-Regular.ttf}\n"})
    font, noto = folder / "fonts/Mine-Regular.ttf", (FONT_DIR / "NotoSans-Regular.ttf").read_bytes()
    font.parent.mkdir()
    font.write_bytes(noto)
    cache, warm, fresh = BuildCache(), tmp_path / "warm.pdf", tmp_path / "fresh.pdf"
    try:
        build_booklet(folder, warm, cache=cache, jobs=1)
        assert "NotoSans-Regular" in _base_fonts(warm)
        font.write_bytes(noto + bytes(4))
        build_booklet(folder, warm, cache=cache, jobs=1)
    finally:
        cache.close()
        use_fonts(DEFAULT)
    subprocess.run([sys.executable, "-c", "import sys; from booklet.build import build_booklet; "
                    "build_booklet(sys.argv[1], sys.argv[2], jobs=1)", str(folder), str(fresh)],
                   check=True, env={**os.environ, "BOOKLET_CACHE": "off"}, cwd=ROOT)
    assert warm.read_bytes() == fresh.read_bytes()
    names = _base_fonts(warm)
    assert "NotoSans-Regular" in names and any(name.startswith("NotoSans-Regular-") for name in names)


def test_a_font_file_written_again_with_the_same_bytes_is_the_font_it_was(tmp_path, monkeypatch):
    """A font file written again with the bytes it had (touched, a checkout, a copy made again) has another identity
    (its times, its inode) but is the same font: the next build through the same cache parsed it again, laid every
    paragraph out anew (the fonts' key counts a replaced file) and ended the cache's kept workers. Now it reads and
    hashes the file once: the same digest, nothing made again, the same PDF."""
    from booklet.text import fonts
    from booklet.text.fonts import DEFAULT, use_fonts

    folder, font = _own_text_font(tmp_path, "GentiumBookPlus-Regular.ttf")
    cache, first, warm = BuildCache(), tmp_path / "first.pdf", tmp_path / "warm.pdf"
    try:
        build_booklet(folder, first, cache=cache, jobs=1)
        parsed = []
        parse = fonts._parse_font_file
        monkeypatch.setattr(fonts, "_parse_font_file", lambda path: parsed.append(path) or parse(path))
        (folder / "fonts/new.ttf").write_bytes(font.read_bytes())
        os.replace(folder / "fonts/new.ttf", font)  # (another inode, other times: the same bytes)
        build_booklet(folder, warm, cache=cache, jobs=1)
        assert parsed == [] and cache.made.get("layouts", 0) == 0
        assert warm.read_bytes() == first.read_bytes()
    finally:
        cache.close()
        use_fonts(DEFAULT)


def test_a_font_file_replaced_in_place_is_checked_again_and_ends_a_caches_workers_whoever_found_it(tmp_path,
                                                                                                   monkeypatch):
    """A library user's check_folder (`booklet check`'s one code path) read the theme's font as this process first
    parsed it: written over with a font that lacks the booklet's quotes and dashes, the warning a new process gives
    was missing. And a cache ended its kept workers only when its own build found the replacement: found first by a
    check (or another cache's build), its workers went on with the old font. Now reading looks at the files too, and a
    cache ends its workers when any replacement was found since its last build."""
    from booklet.check import check_folder
    from booklet.text.fonts import DEFAULT, FONT_DIR, use_fonts

    folder = write_conference(tmp_path / "data", {"theme.yaml": "fonts: {text: fonts/Mine-Regular.ttf}\n"})
    font = folder / "fonts/Mine-Regular.ttf"
    font.parent.mkdir()
    font.write_bytes((FONT_DIR / "NotoSans-Regular.ttf").read_bytes())
    cache, closed = BuildCache(), []
    lacks = "'fonts/Mine-Regular.ttf' (or a style of it) has no · – — ’ “ ” …, which the booklet prints"
    try:
        build_booklet(folder, tmp_path / "first.pdf", cache=cache, jobs=1)
        assert not any(lacks in str(problem) for problem in check_folder(folder)[1])
        monkeypatch.setattr(cache, "close", lambda: closed.append("closed"))
        build_booklet(folder, tmp_path / "same.pdf", cache=cache, jobs=1)
        assert closed == []  # (nothing changed: its workers kept)

        font.write_bytes((FONT_DIR / "NotoSansMath-Regular.ttf").read_bytes())
        assert any(lacks in str(problem) for problem in check_folder(folder)[1])
        build_booklet(folder, tmp_path / "math.pdf", cache=cache, jobs=1)
        assert closed == ["closed"]
    finally:
        monkeypatch.undo()
        cache.close()
        use_fonts(DEFAULT)


def test_a_days_fitting_is_kept_for_warm_rebuilds_and_made_again_when_what_the_programme_prints_changes(
        tmp_path, monkeypatch):
    """The spaces and size a day was fitted to its page at (programme.fitted_day) are kept by a warm cache under all
    that its programme reads: after an edit of an abstract's text each day is made once, at them (the sample's
    Tuesday, fitted with its spaces at 0.9, made three times by a build without the cache); after an edit of what the
    programme prints (a session's name, an abstract's title), of the theme or of the page, the day is fitted again;
    every build is a cold build's, byte for byte. The book holds the programme and the abstracts alone (theme.yaml's
    `sections`): the abstracts' pages are what the programme's rows refer to."""
    from booklet.layout import programme

    folder = tmp_path / "data"
    sections = "sections: [programme, abstracts]\n"

    def sample() -> None:
        """The sample in `folder`, its book the programme and the abstracts."""
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(ROOT / "data", folder)
        (folder / "theme.yaml").write_text(sections, encoding="utf-8")

    sample()
    cache, warm, cold = BuildCache(), tmp_path / "warm.pdf", tmp_path / "cold.pdf"
    made: list[tuple[int, float, float]] = []
    real = programme._programme_day
    monkeypatch.setattr(programme, "_programme_day", lambda ctx, index, day, level, section, tight, size=1.0: (
        made.append((index, tight, size)) or real(ctx, index, day, level, section, tight, size)))

    def same_as_cold(options: PrintOptions | None = None) -> list[tuple[int, float, float]]:
        """The days the warm build made (index, spaces, size), after asserting its bytes a cold build's."""
        made.clear()
        build_booklet(folder, warm, options=options, cache=cache)
        warm_made = list(made)
        assert warm.read_bytes() == _cold(folder, cold, options)
        return warm_made

    def edit(name: str, old: str, new: str) -> None:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    first_made = same_as_cold()
    first = warm.read_bytes()
    assert (1, 0.9, 1.0) in first_made and len(first_made) > 5  # Tuesday fitted closer, others tried smaller
    assert Pdf(warm).pages_with("Time-Domain Astronomy II")

    edit("abstracts.yaml", "abstract: |\n", "abstract: |\n    Revised.\n")  # a text the programme does not print
    assert same_as_cold() == [(0, 1.0, 1.0), (1, 0.9, 1.0), (2, 1.0, 1.0), (3, 1.0, 1.0), (4, 1.0, 1.0)]

    # Tuesday's second session named at length, on two lines: its day fitted again (set as it is first), the rest kept
    edit("programme.yaml", "session: Time-Domain Astronomy II",
         "session: Time-Domain Astronomy II, with the transient surveys of the southern sky and their follow-up")
    again = same_as_cold()
    assert (1, 1.0, 1.0) in again and [entry for entry in again if entry[0] != 1] == [
        (0, 1.0, 1.0), (2, 1.0, 1.0), (3, 1.0, 1.0), (4, 1.0, 1.0)]
    assert Pdf(warm).pages_with("their follow-up")

    edit("abstracts.yaml", 'title: "Seeing through', 'title: "Seeing far and wide, year after year, through')
    assert len(same_as_cold()) > 5  # a title the programme prints: its day (Monday) fitted again
    same_as_cold(PrintOptions(page_size="A4"))  # another page
    (folder / "theme.yaml").write_text(sections + "base: minimal\n", encoding="utf-8")  # other styles and fonts
    same_as_cold()
    (folder / "theme.yaml").write_text(sections + "labels: {chair: 'Chaired by the one and only {name}, in person'}\n",
                                       encoding="utf-8")  # another label: a line more under each session's name
    same_as_cold()
    sample()
    build_booklet(folder, warm, cache=cache)  # the first build's data: its cold bytes are `first`
    assert warm.read_bytes() == first  # nothing of the builds between leaks into this one
