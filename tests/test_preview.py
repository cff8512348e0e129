"""`booklet preview`: page lists, PNGs of the right booklet pages named by page number, errors with nothing written."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from PIL import Image, ImageChops

from booklet.build import PrintOptions, build_booklet
from booklet.cli import main
from booklet.output.preview import PageListError, page_name, pages_text, parse_pages, write_preview

from .helpers import BASE, LATER, write_conference

A5_AT_144 = (148 / 25.4 * 144, 210 / 25.4 * 144)  # pixels, trimmed


NO_INDEX = "sections: [committees, programme, abstracts, tutorials, posters, practical]\n"  # 8 pages: no glance, no index


@pytest.fixture(scope="module")
def conference(tmp_path_factory):
    """The minimal conference, and its page count as `booklet build` makes it (Notes pages included)."""
    folder = write_conference(tmp_path_factory.mktemp("preview") / "conf", {"theme.yaml": NO_INDEX})
    built = build_booklet(folder, folder.parent / "booklet.pdf")
    return folder, built.pages


@pytest.fixture(autouse=True)
def own_tempdir(tmp_path, monkeypatch):
    """Temporary files go to a folder of the test's own, so a test can see that none is left behind."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.mark.parametrize("text, count, pages", [
    ("1,4-6", 8, (1, 4, 5, 6)),
    (" 6 , 2 - 3 ", 8, (2, 3, 6)),
    ("3,1-4,4", 8, (1, 2, 3, 4)),
    ("6-", 8, (6, 7, 8)),
    ("5-5", 8, (5,)),
    (None, 3, (1, 2, 3)),
])
def test_page_lists(text, count, pages):
    assert parse_pages(text).pages(count) == pages


@pytest.mark.parametrize("text, message", [
    ("1,x", "'x' is not a page number or a range (write e.g. 1,4-6 or 10-)"),
    ("1,,2", "an empty item between commas is not a page number or a range (write e.g. 1,4-6 or 10-)"),
    ("4-6-8", "'4-6-8' is not a page number or a range (write e.g. 1,4-6 or 10-)"),
    ("-3", "'-3' is not a page number or a range (write e.g. 1,4-6 or 10-)"),
    ("0-2", "pages are numbered from 1"),
    ("6-4", "'6-4' runs backwards (write 4-6)"),
])
def test_malformed_page_lists_say_what_is_wrong(text, message):
    with pytest.raises(PageListError) as caught:
        parse_pages(text)
    assert str(caught.value) == message


@pytest.mark.parametrize("text, count, message", [
    ("1,9", 8, "page 9 is past the end (the booklet has 8 pages)"),
    ("2-12", 8, "page 12 is past the end (the booklet has 8 pages)"),
    ("3-", 2, "page 3 is past the end (the booklet has 2 pages)"),
    ("2", 1, "page 2 is past the end (the booklet has 1 page)"),
])
def test_pages_past_the_end_say_how_many_there_are(text, count, message):
    with pytest.raises(PageListError) as caught:
        parse_pages(text).pages(count)
    assert str(caught.value) == message


def test_page_names_are_padded_to_the_page_count_and_lists_written_back_in_the_same_syntax():
    assert [page_name(4, n) for n in (8, 68, 100, 1000)] == ["page-4.png", "page-04.png", "page-004.png",
                                                             "page-0004.png"]
    assert pages_text((1, 4, 5, 6)) == "1, 4-6"
    assert pages_text((2, 3, 7, 9, 10)) == "2-3, 7, 9-10"
    assert pages_text((5,)) == "5"


def _rendered(pdf: Path, page: int) -> Image.Image:
    document = pdfium.PdfDocument(str(pdf))
    try:
        return document[page - 1].render(scale=2).to_pil().convert("RGB")
    finally:
        document.close()


def test_preview_writes_the_chosen_booklet_pages_as_trimmed_pngs(conference, tmp_path, own_tempdir, monkeypatch):
    folder, count = conference
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke(main, ["preview", str(folder), "--pages", "1,4-6"])
    assert run.exit_code == 0, run.output
    assert run.stdout == "Wrote 4 PNGs (pages 1, 4-6) to preview/\n"
    assert sorted(p.name for p in (tmp_path / "preview").iterdir()) == [page_name(n, count) for n in (1, 4, 5, 6)]
    # No PDF left anywhere: not in the current folder, not in the temporary folder.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["preview", "system-temp"]
    assert list(own_tempdir.iterdir()) == []
    # Each PNG is its booklet page as `booklet build --bleed 0` draws it, at 144 dpi.
    reference = build_booklet(folder, tmp_path / "ref.pdf", options=PrintOptions(bleed=0.0))
    assert reference.pages == count == 8
    for number in (1, 4, 5, 6):
        with Image.open(tmp_path / "preview" / page_name(number, count)) as image:
            assert image.format == "PNG"
            assert abs(image.width - A5_AT_144[0]) <= 1 and abs(image.height - A5_AT_144[1]) <= 1
            assert image.info["dpi"] == pytest.approx((144, 144), abs=0.01)
            pixels = image.convert("RGB")
        assert ImageChops.difference(pixels, _rendered(reference.output, number)).getbbox() is None, number
        assert ImageChops.difference(pixels, _rendered(reference.output, number % 8 + 1)).getbbox() is not None
    with Image.open(tmp_path / "preview" / page_name(1, count)) as cover:
        assert cover.convert("L").getextrema()[0] < 64  # the cover title is printed: not a blank page


def test_every_page_by_default_and_stale_page_pngs_removed(conference, tmp_path):
    folder, count = conference
    out = tmp_path / "look"
    write_preview(folder, out, "1", dpi=36)
    ours = (out / page_name(1, count)).read_bytes()
    for stale in ("page-09.png", "page-12.png", "page-3.png"):  # page-3.png will be written again
        (out / stale).write_bytes(ours)
    (out / "notes.txt").write_text("mine")
    # (a fuzzing run: files of such names that booklet did not write were removed too)
    (out / "page-10.png").write_text("not a PNG")
    Image.new("RGB", (4, 4)).save(out / "page-11.png")  # another program's PNG
    run = CliRunner().invoke(main, ["preview", str(folder), "--out", str(out), "--dpi", "72"])
    assert run.exit_code == 0, run.output
    assert run.stdout == (f"Wrote 8 PNGs (pages 1-8) to {out}/\n"
                          "Removed 2 page PNGs of an earlier build (the booklet now has 8 pages).\n")
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [page_name(n, count) for n in range(1, 9)] + ["notes.txt", "page-10.png", "page-11.png"])
    with Image.open(out / "page-3.png") as image:
        assert abs(image.width - A5_AT_144[0] / 2) <= 1


def test_a_single_page(conference, tmp_path):
    folder, _ = conference
    run = CliRunner().invoke(main, ["preview", str(folder), "--pages", "8", "--out", str(tmp_path / "p")])
    assert run.exit_code == 0, run.output
    assert run.stdout == f"Wrote 1 PNG (page 8) to {tmp_path / 'p'}/\n"
    assert [p.name for p in (tmp_path / "p").iterdir()] == ["page-8.png"]


def test_same_data_same_bytes(conference, tmp_path):
    folder, _ = conference
    digests = []
    for name in ("a", "b"):
        result = write_preview(folder, tmp_path / name, "1-3")
        digests.append([hashlib.sha256(path.read_bytes()).hexdigest() for path in result.files])
    assert len(digests[0]) == 3 and digests[0] == digests[1]


def test_a_page_past_the_end_exits_1_with_nothing_written(conference, tmp_path, own_tempdir):
    """A page past the end is known only once the booklet is built: bad input, exit 1."""
    folder, _ = conference
    run = CliRunner().invoke(main, ["preview", str(folder), "--pages", "2,9-10", "--out", str(tmp_path / "out")])
    assert run.exit_code == 1
    assert run.stderr == ("booklet: --pages 2,9-10: page 10 is past the end (the booklet has 8 pages); "
                          "nothing was written.\n") and run.stdout == ""
    assert not (tmp_path / "out").exists()
    assert list(own_tempdir.iterdir()) == []


@pytest.mark.parametrize("pages, message", [
    ("1,x", "'x' is not a page number or a range (write e.g. 1,4-6 or 10-)"),
    ("4-1", "'4-1' runs backwards (write 1-4)"),
    ("0", "pages are numbered from 1"),
    # (an empty variable in a script: every page was drawn)
    (" ", "no pages given (write e.g. 1,4-6 or 10-; leave --pages out for every page)"),
])
def test_a_page_list_it_cannot_read_is_a_usage_error_before_anything_is_built(conference, tmp_path, own_tempdir,
                                                                              pages, message):
    """A list that is no list of pages is the command line's mistake, as `--dpi 20` is: Click's usage error (exit 2)
    before the data is read (it exited 1, as bad data does, while `import --first-day 2018-13-01` exited 2)."""
    folder, _ = conference
    run = CliRunner().invoke(main, ["preview", str(folder), "--pages", pages, "--out", str(tmp_path / "out")])
    assert run.exit_code == 2
    usage = run.stderr.split("\n\n")[0]  # (the program's name is the runner's)
    assert usage.startswith("Usage: ") and usage.endswith(" preview [OPTIONS] [DATA_DIR]\nTry '"
                                                          f"{usage.split()[1]} preview --help' for help.")
    assert run.stderr == f"{usage}\n\nError: Invalid value for '--pages': {message}\n" and run.stdout == ""
    assert not (tmp_path / "out").exists()
    assert list(own_tempdir.iterdir()) == []


def test_bad_data_is_reported_as_build_reports_it(tmp_path):
    folder = write_conference(tmp_path / "conf", {
        "programme.yaml": BASE["programme.yaml"].replace("talk: lund-2026", "talk: lund-2062"),
    })
    build = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "b.pdf")])
    run = CliRunner().invoke(main, ["preview", str(folder), "--out", str(tmp_path / "out")])
    assert build.exit_code == run.exit_code == 1
    assert "no abstract with id 'lund-2062' (did you mean 'lund-2026'?)" in run.stderr
    assert run.stderr == build.stderr and run.stderr.endswith(f"1 error, 0 warnings; nothing was written.{LATER}\n")
    assert not (tmp_path / "out").exists() and not (tmp_path / "b.pdf").exists()
