"""`booklet check` is the whole answer before print: it reports exactly the warnings `booklet build` prints.

Both go through booklet.check.check_folder; these tests hold them to it on folders that warn in
different ways (image resolution at the page size, lint of other kinds, none at all), and hold
check's image warnings to what `booklet preflight` finds in the built PDF.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from click.testing import CliRunner, Result
from PIL import Image
from pypdf import PdfReader

from booklet.build import build_booklet
from booklet.cli import main
from booklet.printing.preflight import preflight
from .helpers import BASE, DATA, MERGE_HINT, extend, write_conference

FIELDS = ("file", "line", "key", "kind", "severity", "message")


def invoke(*args) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def jpeg(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (90, 120, 160)).save(buf, "JPEG", quality=90)
    return buf.getvalue()


def photo_of(speaker: str, photo: str) -> str:
    """BASE's abstracts.yaml with a photo for one speaker (both speakers are on lines 3 and 8)."""
    return BASE["abstracts.yaml"].replace(f"{{name: {speaker}", f"{{name: {speaker}, photo: {photo}")


LOW_RES_PHOTO = {  # 90 x 112 pixels fitted in 22 x 27.5 mm (printed 22 x 27.4 mm): 104 dpi
    "abstracts.yaml": photo_of("Ana Smith", "images/ana.jpg"),
    "images/ana.jpg": jpeg(90, 112),
}
LOW_RES_PHOTO_LINES = [
    "Images too coarse for print (1):",
    "abstracts.yaml:3: [0].speaker.photo: warning: ana.jpg is 104 dpi at its printed size (22 \u00d7 27.4 mm) "
    "and will print blurred; 300 dpi needs 260 \u00d7 323 pixels",
]
A4_COVER = {  # 2000 x 1400 pixels: 330 dpi on an A5 cover, 235 dpi on an A4 one (with 3 mm bleed)
    "conference.yaml": extend("conference.yaml", "cover_image: images/cover.jpg\n"),
    "images/cover.jpg": jpeg(2000, 1400),
}
A4_COVER_LINES = [
    "Images too coarse for print (1):",
    "conference.yaml:5: cover_image: warning: cover.jpg is 235 dpi at its printed size (216 \u00d7 139.6 mm), "
    "below the 300 dpi that print needs ('booklet preflight' fails it); 300 dpi needs 2551 \u00d7 1649 pixels",
]
OTHER_KINDS = {  # a name written two ways, an abstract not in the programme, a character no font has
    "abstracts.yaml": extend("abstracts.yaml", """\
        - id: wang
          title: A talk from afar
          speaker: {name: 王 Wang}
        """),
    "posters.yaml": BASE["posters.yaml"].replace("Zoe Papadopoulou", "Zoë Papadopoulou"),
    "conference.yaml": extend("conference.yaml", "committees:\n  - name: SOC\n    members:\n"
                                                 "      - {name: Zoe Papadopoulou}\n"),
}
OTHER_KINDS_LINES = [
    "The same person written differently (2):",
    "conference.yaml:8: committees[0].members[0].name: warning: 'Zoe Papadopoulou' (1 place) is also written "
    "'Zoë Papadopoulou' (1 place, first at posters.yaml:1; accents differ)" + MERGE_HINT,
    "posters.yaml:1: [0].author: warning: 'Zoë Papadopoulou' (1 place) is also written 'Zoe Papadopoulou' "
    "(1 place, first at conference.yaml:8; accents differ)" + MERGE_HINT,
    "Abstracts not in the programme (1):",
    "abstracts.yaml:11: [2].id: warning: abstract 'wang' is not in the programme",
    "Characters the booklet's fonts cannot print (1):",
    "abstracts.yaml:13: [2].speaker.name: warning: the booklet's fonts cannot print '王' (U+738B); without them the name would read 'Wang', so the whole name is left out of the booklet (a name is printed without them only when they are words of their own, or in brackets, at its start or end, beside two words or more that no 'and' or separator ends or begins): give theme.yaml's `fonts:` a font that has them",
]

TRIM = {"A5": (420, 595), "A4": (595, 842), "letter": (612, 792)}  # points

CASES = {  # name: (files, or None for the sample in data/; page size; the warnings both print)
    "sample-A5": (None, "A5", []),
    "sample-A4": (None, "A4", []),
    "sample-letter": (None, "letter", []),
    "low-res-photo": (LOW_RES_PHOTO, "A5", LOW_RES_PHOTO_LINES),
    "cover-A5": (A4_COVER, "A5", []),
    "cover-A4": (A4_COVER, "A4", A4_COVER_LINES),
    "other-kinds": (OTHER_KINDS, "A5", OTHER_KINDS_LINES),
}


# the sample at the sizes the tests share a build of (conftest): its BuildResult is the one `booklet build` gets (that
# build prints what it got is held by the other cases, which warn)
SHARED = {"sample-A5": "sample_build", "sample-A4": "sample_a4"}


@pytest.mark.parametrize("case", list(CASES))
def test_check_prints_the_warnings_build_prints(tmp_path, monkeypatch, request, case):
    """The JSON of check is the warnings of the BuildResult that `booklet build` itself got (recorded, not built
    again)."""
    import booklet.build

    files, size, expected = CASES[case]
    data = DATA if files is None else write_conference(tmp_path / "conf", files)
    out = tmp_path / "out.pdf"
    results = [request.getfixturevalue(SHARED[case])] if case in SHARED else []  # (before build_booklet is patched)
    real_build = booklet.build.build_booklet
    monkeypatch.setattr(booklet.build, "build_booklet", lambda *a, **k: results.append(real_build(*a, **k))
                        or results[-1])

    if results:
        out, built = results[0].output, None
    else:
        built = invoke("build", data, "-o", out, "--page-size", size)
    checked = invoke("check", data, "--page-size", size)
    as_json = invoke("check", data, "--page-size", size, "--format", "json")

    assert checked.exit_code == as_json.exit_code == 0 and (built is None or built.exit_code == 0), checked.output
    assert checked.stderr.splitlines() == expected
    assert built is None or built.stderr.splitlines() == expected
    [result] = results  # the build's own (check builds nothing)
    assert json.loads(as_json.stdout) == [{f: getattr(w, f) for f in FIELDS} for w in result.warnings]
    if files is None:  # the sample at that size (test_sample_booklet.test_page_sizes builds it at B5 alone)
        box = PdfReader(out).pages[5].trimbox
        assert (round(float(box.width)), round(float(box.height))) == TRIM[size]


def test_check_measures_the_cover_with_the_bleed_given(tmp_path):
    """The cover art runs into the bleed: with none it is printed smaller, at a higher dpi."""
    data = write_conference(tmp_path / "conf", A4_COVER)
    built = invoke("build", data, "-o", tmp_path / "out.pdf", "--page-size", "A4", "--bleed", "0")
    checked = invoke("check", data, "--page-size", "A4", "--bleed", "0")
    assert built.stderr == checked.stderr
    assert "cover.jpg is 242 dpi at its printed size (210 \u00d7 136.6 mm)" in checked.stderr


def test_strict_build_and_check_fail_on_the_same_image_warning(tmp_path):
    data = write_conference(tmp_path / "conf", LOW_RES_PHOTO)
    out = tmp_path / "out.pdf"
    built, checked = invoke("build", data, "-o", out, "--strict"), invoke("check", data, "--strict")
    assert built.exit_code == checked.exit_code == 1
    assert built.stderr.splitlines() == [*LOW_RES_PHOTO_LINES, "0 errors, 1 warning; nothing was written."]
    assert checked.stderr.splitlines() == LOW_RES_PHOTO_LINES
    assert not out.exists()


# -- check against preflight -----------------------------------------------------------------------

PREFLIGHT_IMAGE = re.compile(r"Image below 300 dpi: \d+ x \d+ px at (\d+) dpi on pages? [\d, -]+\.")
CHECK_DPI = re.compile(r": warning: \S+ is (\d+) dpi at its printed size")


@pytest.mark.parametrize("size", ["A5", "A4"])
def test_check_warns_of_the_images_preflight_fails(tmp_path, size):
    """Every image that preflight finds below 300 dpi in the built PDF, check reported, at the same dpi."""
    files = {
        **A4_COVER,  # fine on A5, 235 dpi on A4
        **LOW_RES_PHOTO,  # an abstract's photo at 104 dpi
        "tutorials.yaml": BASE["tutorials.yaml"].replace("NBI}", "NBI, photo: images/sven.jpg}"),
        "images/sven.jpg": jpeg(200, 250),  # a presenter's photo at 231 dpi
    }
    data = write_conference(tmp_path / "conf", files)
    out = tmp_path / "out.pdf"
    result = build_booklet(data, out, size)
    checked = sorted(int(m[1]) for w in result.warnings if (m := CHECK_DPI.search(str(w))))
    faults = sorted(int(m[1]) for f in preflight(out).faults if (m := PREFLIGHT_IMAGE.fullmatch(f)))
    assert checked == faults == ([104, 231] if size == "A5" else [104, 231, 235])


def test_an_image_printed_in_several_places_is_judged_where_it_is_largest_and_says_so(tmp_path):
    """One small PNG as the logo (front and back cover) and as a speaker's photo: the warning quotes the size it
    prints at as the front cover's logo, and says so, at the line of its first mention."""
    files = {"conference.yaml": extend("conference.yaml", "logo: images/tiny.jpg\n"),
             "abstracts.yaml": photo_of("Ana Smith", "images/tiny.jpg"), "images/tiny.jpg": jpeg(60, 60)}
    from booklet.check import check_folder

    _, warnings = check_folder(write_conference(tmp_path / "conf", files))
    (found,) = [str(w) for w in warnings if w.kind == "low-resolution"]
    assert found.startswith("conference.yaml:5: logo: warning: tiny.jpg is ")
    assert ("dpi at its printed size (22 \u00d7 22 mm, as the logo on the cover, the largest of the 3 places it "
            "prints) and will print blurred") in found


def test_problems_on_one_line_are_listed_in_the_order_of_their_keys_not_by_name(tmp_path):
    """`dates: {start: 2027-10-38, end: 2027-13-04}`: both dates wrong on one line were listed end first (the
    problems were sorted by file, line, then key name); they are listed as the keys are read, start first, as
    build lists them too."""
    data = write_conference(tmp_path / "conf", {"conference.yaml": BASE["conference.yaml"].replace(
        "dates: {start: 2027-09-13, end: 2027-09-14}", "dates: {start: 2027-10-38, end: 2027-13-04}")})
    checked = invoke("check", data)
    assert checked.exit_code == 1
    assert checked.stderr.splitlines() == [
        "conference.yaml:3: dates.start: '2027-10-38' is not a valid date: October 2027 has 31 days",
        "conference.yaml:3: dates.end: '2027-13-04' is not a valid date: there are 12 months (YYYY-MM-DD: the month "
        "is the second number)"]
    built = invoke("build", data, "-o", tmp_path / "out.pdf")
    assert built.stderr.splitlines()[:2] == checked.stderr.splitlines()


def test_the_library_takes_a_page_size_in_any_case_as_the_command_line_does(tmp_path):
    """build_booklet(page_size="a4") raised "unknown page size 'a4'" where `--page-size a4` builds."""
    from .helpers import write_conference

    folder = write_conference(tmp_path / "conf")
    result = build_booklet(folder, tmp_path / "a4.pdf", page_size="a4")
    assert result.page_size == "A4"
    from pypdf import PdfReader

    trim = PdfReader(str(result.output)).pages[0].trimbox
    assert (round(float(trim.width) / 72 * 25.4), round(float(trim.height) / 72 * 25.4)) == (210, 297)
    with pytest.raises(ValueError, match="unknown page size 'a3'"):
        build_booklet(folder, tmp_path / "a3.pdf", page_size="a3")
    assert not (tmp_path / "a3.pdf").exists()


@pytest.mark.parametrize("size, dpi, printed, needed, pixels", [
    ("A5", 222, "154 \u00d7 216 mm", "1819 \u00d7 2551", "1348 x 1890"),
    ("A4", 158, "216 \u00d7 303 mm", "2551 \u00d7 3579", "1347 x 1890"),
])
def test_check_warns_before_build_that_the_sample_s_cover_art_is_too_coarse_for_a_full_bleed_cover(
        tmp_path, size, dpi, printed, needed, pixels):
    """A review: the sample with theme.yaml's `base: modern` failed `build --cmyk --preflight` with "Image below 300
    dpi: 1348 x 1890 px at 222 dpi on page 1". The sample's (and init's) cover art is sized for the default theme's
    band, at every page size (the sample's cases above have no warning); modern's full-bleed cover prints it over the
    whole page and its bleed. `check` says so before any build, with file, line and key and the pixels 300 dpi
    needs, and preflight's fault is the same image at the same dpi: what check says is what the print shop hears.
    (The sample's cover art in the minimal conference, the cover_image at its line 5: the cover is printed at the
    size of the page and its bleed whatever else the booklet holds, and a booklet of a few pages is built and
    preflighted in a fraction of the sample's time.)"""
    data = write_conference(tmp_path / "conf", {
        "conference.yaml": extend("conference.yaml", "cover_image: images/cover.jpg\n"),
        "images/cover.jpg": (DATA / "images" / "cover.jpg").read_bytes(),
        "theme.yaml": "base: modern\n"})
    checked = invoke("check", data, "--page-size", size)
    assert checked.exit_code == 0
    assert checked.stderr.splitlines() == [
        "Images too coarse for print (1):",
        f"conference.yaml:5: cover_image: warning: cover.jpg is {dpi} dpi at its printed size ({printed}), below "
        f"the 300 dpi that print needs ('booklet preflight' fails it); 300 dpi needs {needed} pixels"]
    out = tmp_path / "out.pdf"
    built = invoke("build", data, "-o", out, "--page-size", size, "--cmyk", "--preflight")
    assert built.exit_code == 1
    assert built.stderr.splitlines() == checked.stderr.splitlines()
    assert built.stdout.endswith(
        f"NOT FIT TO PRINT (1 fault):\n  - Image below 300 dpi: {pixels} px at {dpi} dpi on page 1.\n")
