"""`booklet build` -> a note of its PDF in the disk cache (booklet.cache.built); `booklet proofs` of the very same
data takes that PDF instead of building it again, and builds again after any change to what the PDF is made of."""

from __future__ import annotations

import io
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from booklet.cache import built, disk
from booklet.cli import main
from booklet.proofs.write import proof_options

from .helpers import BASE, write_conference

FONTS = Path(__file__).resolve().parent.parent / "booklet" / "resources" / "fonts"


def _png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 300), colour).save(buffer, "PNG", dpi=(300, 300))
    return buffer.getvalue()


@pytest.fixture
def conference(tmp_path, monkeypatch):
    """A conference with a logo and a text font of its own, a disk cache of its own, and a `booklet build` of it."""
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = write_conference(tmp_path / "conf", {
        "conference.yaml": BASE["conference.yaml"] + "logo: images/logo.png\n",
        "images/logo.png": _png("navy"),
        "theme.yaml": "fonts: {text: fonts/Body-Regular.ttf}\n",
    })
    (folder / "fonts").mkdir()
    shutil.copyfile(FONTS / "GentiumBookPlus-Regular.ttf", folder / "fonts" / "Body-Regular.ttf")
    output = tmp_path / "booklet.pdf"
    _run("build", str(folder), "-o", str(output))
    return folder, output


def _run(*args: str) -> str:
    run = CliRunner().invoke(main, list(args))
    assert run.exit_code == 0, run.output
    return run.output


def _proofs(folder: Path, out: Path) -> dict[str, bytes]:
    _run("proofs", str(folder), "--out", str(out))
    return {path.name: path.read_bytes() for path in sorted(out.iterdir())}


def _found(folder: Path):
    return built.find(folder, proof_options("A5"), "A5")


def _not_built(*args, **kwargs):
    raise AssertionError("proofs built the booklet")


def test_proofs_after_a_build_take_its_pdf_and_make_the_bytes_of_their_own_build(conference, tmp_path, monkeypatch):
    folder, output = conference
    found = _found(folder)
    assert found is not None and found.output == output.resolve() and found.pdf == output.read_bytes()
    assert found.pages == len(PdfReader(output).pages) and found.anchors["abstract-0"] > 1
    with monkeypatch.context() as patch:
        patch.setattr("booklet.proofs.write._build", _not_built)
        taken = _proofs(folder, tmp_path / "taken")
    assert sorted(taken) == ["bayes-intro.pdf", "chair-mei-chen.pdf", "lund-2026.pdf", "manifest.csv", "okafor.pdf",
                             "poster-zoe-papadopoulou.pdf"]  # (the chair's proof too: the programme page's, as built)
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    assert _found(folder) is None
    assert _proofs(folder, tmp_path / "built") == taken


def _edit_keeping_size_and_time(folder: Path, output: Path) -> None:
    path = folder / "abstracts.yaml"
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Some text.", "Some TEXT."), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # only the bytes differ


def _add_abstract_file(folder: Path, output: Path) -> None:
    (folder / "abstracts").mkdir()
    (folder / "abstracts" / "extra.yaml").write_text("id: extra\ntitle: Extra\nspeaker: {name: Eve Extra}\n"
                                                      "abstract: Extra text.\n", encoding="utf-8")


def _new_logo(folder: Path, output: Path) -> None:
    (folder / "images" / "logo.png").write_bytes(_png("maroon"))


def _bold_face_beside_the_font(folder: Path, output: Path) -> None:
    shutil.copyfile(FONTS / "GentiumBookPlus-Bold.ttf", folder / "fonts" / "Body-Bold.ttf")


def _pdf_rewritten(folder: Path, output: Path) -> None:
    output.write_bytes(output.read_bytes())  # the same bytes, but not the file the build wrote


def _built_with_other_options(folder: Path, output: Path) -> None:
    _run("build", str(folder), "-o", str(output), "--bleed", "0")


def _built_in_parts(folder: Path, output: Path) -> None:
    _run("build", str(folder), "-o", str(output), "--jobs", "2")  # proofs would build this small book in one process


def test_the_pdf_of_any_build_made_as_proofs_build_stands_in(conference, tmp_path, monkeypatch):
    """Not only `booklet build`'s: a rebuild of `booklet watch` (one process, a warm cache), and a build with
    `--jobs 1` of a book proofs would lay out in one process too, are the booklet proofs would build."""
    from booklet.build import build_booklet
    from booklet.cache import BuildCache

    folder, _ = conference
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    expected = _proofs(folder, tmp_path / "built")
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr("booklet.proofs.write._build", _not_built)
    cache = BuildCache()
    for run in range(2):  # as booklet watch builds: the same cache, build after build
        build_booklet(folder, tmp_path / "watched.pdf", cache=cache)
        assert _found(folder).output == (tmp_path / "watched.pdf").resolve()
        assert _proofs(folder, tmp_path / f"after-watch-{run}") == expected
    _run("build", str(folder), "-o", str(tmp_path / "one.pdf"), "--jobs", "1")
    assert _found(folder).output == (tmp_path / "one.pdf").resolve()
    assert _proofs(folder, tmp_path / "after-one") == expected


@pytest.mark.parametrize("change", [
    _edit_keeping_size_and_time, _add_abstract_file, _new_logo, _bold_face_beside_the_font, _pdf_rewritten,
    _built_with_other_options, _built_in_parts,
])
def test_any_change_since_the_build_makes_proofs_build_their_own(conference, tmp_path, monkeypatch, change):
    from booklet.proofs.write import _last_build

    folder, output = conference
    change(folder, output)
    assert _last_build(folder, "A5") is None  # (in parts: the note is kept, the processes differ)
    taken = _proofs(folder, tmp_path / "after")
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    assert _proofs(folder, tmp_path / "built") == taken


def test_proofs_keep_the_booklet_they_built_for_the_next_proofs_of_data_that_reads_the_same(conference, tmp_path,
                                                                                             monkeypatch):
    """Proofs that build the booklet (an abstract corrected since the last build) keep it in the disk cache, with the
    note a build keeps: the next proofs of the very same data, and of data that reads the same (a comment added), take
    it and lay nothing out, and make the bytes of a run without the disk cache. (Built into a temporary folder, it was
    built again by each run until the next `booklet build`.) A kept booklet replaced since is not read."""
    import booklet.build
    from booklet.proofs import write

    folder, output = conference
    _edit_keeping_size_and_time(folder, output)
    first = _proofs(folder, tmp_path / "first")
    kept = _found(folder).output
    assert kept.parent == (tmp_path / "cache" / write.KEPT_BOOKLET).resolve()
    assert "Some TEXT." in "".join(page.extract_text() for page in PdfReader(kept).pages)

    def laid_out(*args, **kwargs):
        raise AssertionError("proofs laid the booklet out")

    with monkeypatch.context() as patch:
        patch.setattr(booklet.build, "laying_out", laid_out)
        assert _proofs(folder, tmp_path / "again") == first
        abstracts = folder / "abstracts.yaml"
        abstracts.write_text("# corrected\n" + abstracts.read_text(encoding="utf-8"), encoding="utf-8")
        assert _proofs(folder, tmp_path / "comment") == first
    identity = built.identity_of(kept)
    assert built.pdf_as_written(kept, identity) == kept.read_bytes()
    kept.write_bytes(kept.read_bytes())  # the same bytes, written again: not the file as the build wrote it
    assert built.pdf_as_written(kept, identity) is None
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    assert _proofs(folder, tmp_path / "cold") == first


def test_proofs_whose_booklet_cannot_be_kept_in_the_cache_build_it_as_without_the_cache(conference, tmp_path,
                                                                                           monkeypatch):
    """The cache's folder full or read-only (here: a folder where the kept booklet goes, so that no file can be put
    there): proofs that build their own booklet make the proofs all the same, the bytes of a run without the disk
    cache, and note nothing of a booklet not kept (it stopped them, exit 1: "cannot write ...: No space left")."""
    from booklet.proofs import write

    folder, output = conference
    _edit_keeping_size_and_time(folder, output)
    kept = write._kept_booklet(folder)
    kept.mkdir()
    made = _proofs(folder, tmp_path / "full")
    assert "okafor.pdf" in made and kept.is_dir() and _found(folder) is None
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    assert _proofs(folder, tmp_path / "cold") == made


def test_proofs_leave_the_kept_booklet_to_another_run_of_proofs_that_holds_it(conference, tmp_path, monkeypatch):
    """While another run of proofs of the folder holds the kept booklet (its lock: it builds into it, or has yet to
    read it), proofs of other data build theirs as without the cache: the kept booklet and its note stay the other
    run's (it read, and noted, the file there after its build as its own: a run of proofs at A4 meanwhile made the
    A5 run's proofs of the A4 booklet, or stopped it with PDFium's 'Failed to load page')."""
    import fcntl

    import booklet.build
    from booklet.proofs import write

    folder, output = conference
    _edit_keeping_size_and_time(folder, output)
    first = _proofs(folder, tmp_path / "first")
    kept = write._kept_booklet(folder)
    identity = write._identity(kept)
    abstracts = folder / "abstracts.yaml"
    edited = abstracts.read_text(encoding="utf-8")
    abstracts.write_text(edited.replace("Some TEXT.", "Some other text."), encoding="utf-8")
    with open(kept.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # (as the other run holds it)
        held = _proofs(folder, tmp_path / "held")
    assert write._identity(kept) == identity and held != first
    proof = PdfReader(tmp_path / "held" / "lund-2026.pdf")
    assert "Some other text." in "".join(page.extract_text() for page in proof.pages)
    with monkeypatch.context() as patch:
        patch.setenv("BOOKLET_CACHE", "off")
        assert _proofs(folder, tmp_path / "cold") == held
    abstracts.write_text(edited, encoding="utf-8")  # back as the first run read it: its booklet, taken
    with monkeypatch.context() as patch:
        patch.setattr(booklet.build, "laying_out", _not_built)
        assert _proofs(folder, tmp_path / "again") == first


def test_proofs_at_another_page_size_never_take_the_booklet_kept_at_the_first(conference, tmp_path, monkeypatch):
    """One kept booklet a data folder, whatever the page size: proofs at A4 after A5 proofs kept theirs (the same
    data, a comment added since) build an A4 booklet, the bytes of A4 proofs without the cache, and keep it; the next
    A5 proofs build theirs again (the kept booklet is A4's), the first run's bytes."""
    from booklet.proofs import write

    folder, output = conference
    _edit_keeping_size_and_time(folder, output)
    first = _proofs(folder, tmp_path / "a5")
    abstracts = folder / "abstracts.yaml"
    abstracts.write_text("# corrected\n" + abstracts.read_text(encoding="utf-8"), encoding="utf-8")
    _run("proofs", str(folder), "--page-size", "A4", "--out", str(tmp_path / "a4"))
    a4 = {path.name: path.read_bytes() for path in sorted((tmp_path / "a4").iterdir())}
    kept = write._kept_booklet(folder)
    assert PdfReader(kept).pages[0].trimbox.width > 590 and a4 != first  # (A4: 595 points wide; A5: 420)
    assert built.find(folder, proof_options("A4"), "A4").output == kept.resolve()
    assert _proofs(folder, tmp_path / "a5-again") == first
    assert PdfReader(kept).pages[0].trimbox.width < 430
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    _run("proofs", str(folder), "--page-size", "A4", "--out", str(tmp_path / "a4-cold"))
    assert {path.name: path.read_bytes() for path in sorted((tmp_path / "a4-cold").iterdir())} == a4


def _poster_title_edited(folder: Path) -> None:
    path = folder / "posters.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Mixture", "Mixed"), encoding="utf-8")


def _logo_replaced(folder: Path) -> None:
    (folder / "images" / "logo.png").write_bytes(_png("maroon"))


@pytest.mark.parametrize("meanwhile", [_poster_title_edited, _logo_replaced])
def test_a_build_keeps_no_note_when_what_it_read_changed_while_it_built(conference, monkeypatch, meanwhile):
    """Read before the change or after it: the note would not know, so there is none (not even the last one's)."""
    import booklet.build

    folder, output = conference
    assert disk.load(built.KIND, built._name(folder), built.Built) is not None  # the fixture's build's
    building = booklet.build._make

    def changed_meanwhile(*args, **kwargs):
        result = building(*args, **kwargs)
        meanwhile(folder)
        return result

    monkeypatch.setattr(booklet.build, "_make", changed_meanwhile)
    _run("build", str(folder), "-o", str(output))
    assert disk.load(built.KIND, built._name(folder), built.Built) is None
    monkeypatch.setattr(booklet.build, "_make", building)
    _run("build", str(folder), "-o", str(output))
    assert _found(folder) is not None  # built again with nothing changing: kept
    text = "".join(page.extract_text() for page in PdfReader(_found(folder).output).pages)
    assert ("Mixed density networks" in text) == (meanwhile is _poster_title_edited)


def test_no_note_without_a_disk_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    folder = write_conference(tmp_path / "conf")
    _run("build", str(folder), "-o", str(tmp_path / "booklet.pdf"))
    assert built.inputs(folder, proof_options("A5"), "A5") is None and _found(folder) is None


# A process that imports booklet.proofs, then runs the proofs of its first argument into each of the other arguments
# in turn, each run in a process forked from it (what a new `python -c` process that imports write_proofs and runs it
# would be, without an interpreter started and booklet imported again for each): each prints, on a line, how many
# proofs it wrote and the modules of pypdf and PDFium it had loaded by then. Exits 1 when a run failed.
PROOFS_AND_LIST = """
import json, os, sys, traceback
from pathlib import Path
from booklet.proofs import write_proofs
failed = False
for out in sys.argv[2:]:
    sys.stdout.flush(); sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        try:
            result = write_proofs(Path(sys.argv[1]), Path(out))
            print(json.dumps([len(result.proofs),
                              sorted(m for m in sys.modules if m.split(".")[0] in ("pypdf", "pypdfium2"))]))
        except BaseException:
            traceback.print_exc()
            os._exit(1)
        sys.stdout.flush()
        os._exit(0)
    failed |= os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0
sys.exit(int(failed))
"""


def test_proofs_again_after_a_build_read_no_pdf(conference, tmp_path):
    """The booklet's PDF taken from the build, and its pages as the last proofs run read them: neither pypdf nor
    PDFium is loaded. (Each run a process of its own, forked one after the other from one that imported booklet.)"""
    import json
    import subprocess
    import sys

    folder, _ = conference
    outs = [str(tmp_path / f"proofs-{n}") for n in range(2)]
    run = subprocess.run([sys.executable, "-c", PROOFS_AND_LIST, str(folder), *outs], capture_output=True, text=True,
                         env={**os.environ})
    assert run.returncode == 0, run.stderr
    (first_count, first), (count, loaded) = (json.loads(line) for line in run.stdout.splitlines() if line[:1] == "[")
    assert first_count == count == 5 and "pypdf" in first  # the first reads the booklet's pages (5: one a chair's)
    assert loaded == []
    assert {p.name: p.read_bytes() for p in (tmp_path / "proofs-0").iterdir()} == \
           {p.name: p.read_bytes() for p in (tmp_path / "proofs-1").iterdir()}


def test_a_build_of_the_very_same_inputs_takes_the_last_builds_warnings(conference, tmp_path, monkeypatch):
    """The build's note also gives a build of the same inputs its warnings (built.warnings_of): the data is not
    linted again, and the build prints what linting printed; any change a proof would notice lints again."""
    import booklet.build

    folder, output = conference
    abstracts = folder / "abstracts.yaml"
    abstracts.write_text(abstracts.read_text(encoding="utf-8").replace(
        "affiliation: Uni A}", "affiliation: Uni A, email: ana(at)uni.example}"), encoding="utf-8")
    linted = []
    real = booklet.build.linted
    monkeypatch.setattr(booklet.build, "linted", lambda *args, **kwargs: linted.append(args[2]) or real(*args, **kwargs))

    def build(*options: str) -> str:
        return _run("build", str(folder), "-o", str(output), *options)

    printed = build()
    assert len(linted) == 1 and "ana(at)uni.example" in printed and "Malformed email" in printed
    assert build() == printed and len(linted) == 1  # the same inputs: the note's warnings, not linted
    assert build("--page-size", "A4") and len(linted) == 2  # other options: linted
    assert build() == printed and len(linted) == 3  # (the note is the last build's: A4's)
    assert build() == printed and len(linted) == 3
    (folder / "images" / "logo.png").write_bytes(_png("maroon"))  # an image the data names: linted
    assert build() == printed and len(linted) == 4
    abstracts.write_text(abstracts.read_text(encoding="utf-8").replace("ana(at)", "ana@"), encoding="utf-8")
    assert "Malformed email" not in build() and len(linted) == 5
    monkeypatch.setenv("BOOKLET_CACHE", "off")  # no disk cache, no note: linted each time
    build()
    build()
    assert len(linted) == 7


def test_a_build_or_proofs_of_the_same_data_take_what_the_last_build_read(conference, tmp_path, monkeypatch):
    """What reading the folder gave a build (the model and reading's warnings) is kept beside its note
    (built.kept_read): the next build of the very same data, whatever its options, and proofs right after a build,
    take it rather than read the data files again, and make the bytes of a build that reads them. An edit, a data
    file added, an image or a font face the data names changed, each reads again; `booklet watch` (a cache of the
    caller's) reads, its first build too, and keeps nothing for others."""
    import booklet.data.validate
    from booklet.build import build_booklet
    from booklet.cache import BuildCache

    folder, _ = conference
    reads = []
    real = booklet.data.validate.read_booklet
    monkeypatch.setattr(booklet.data.validate, "read_booklet", lambda *args: reads.append(1) or real(*args))

    def build(name: str, *options: str) -> bytes:
        _run("build", str(folder), "-o", str(tmp_path / name), *options)
        return (tmp_path / name).read_bytes()

    made = {"a4.pdf": build("a4.pdf", "--page-size", "A4"), "bleed.pdf": build("bleed.pdf", "--bleed", "0"),
            "a5.pdf": build("a5.pdf")}
    assert reads == []  # the fixture's build read the data: none of these
    monkeypatch.setattr("booklet.proofs.write._build", _not_built)
    taken = _proofs(folder, tmp_path / "taken")
    assert reads == []  # the PDF and the model, both the build's
    with monkeypatch.context() as patch:
        patch.setenv("BOOKLET_CACHE", "off")
        assert {name: build(f"off-{name}", *options) for name, options in (
            ("a4.pdf", ("--page-size", "A4")), ("bleed.pdf", ("--bleed", "0")), ("a5.pdf", ()))} == made
        assert len(reads) == 3
    reads.clear()
    for change in (_edit_keeping_size_and_time, _add_abstract_file, _new_logo, _bold_face_beside_the_font):
        change(folder, tmp_path / "a5.pdf")
        first, again = build("changed.pdf"), build("again.pdf")
        assert len(reads) == 1 and again == first, change.__name__  # read once, then taken
        reads.clear()
    assert "Extra text" in "".join(page.extract_text() for page in PdfReader(tmp_path / "again.pdf").pages)
    assert _proofs(folder, tmp_path / "after") != taken and reads == []
    (folder / "abstracts" / "extra.yaml").unlink()
    before_watch = build("before-watch.pdf")
    assert len(reads) == 1
    cache = BuildCache()
    for name in ("watch-1.pdf", "watch-2.pdf"):  # as booklet watch builds, from its own memory: it reads (its first
        build_booklet(folder, tmp_path / name, cache=cache)  # build too, for the rebuilds after an edit), keeps nothing
    assert len(reads) == 3
    assert build("after-watch.pdf") == before_watch == (tmp_path / "watch-2.pdf").read_bytes()
    assert len(reads) == 3  # the model the build before the watch kept


def test_a_damaged_kept_read_is_read_again(conference, tmp_path, monkeypatch):
    import pickle

    import booklet.data.validate

    folder, output = conference
    reads = []
    real = booklet.data.validate.read_booklet
    monkeypatch.setattr(booklet.data.validate, "read_booklet", lambda *args: reads.append(1) or real(*args))
    [kept] = (tmp_path / "cache" / built.READ).glob("*.pickle")
    key, sources, _ = pickle.loads(kept.read_bytes())
    before = output.read_bytes()
    for damage in (b"not a pickle", pickle.dumps((key, sources, b"not a pickle")), pickle.dumps((key, sources, b""))):
        kept.write_bytes(damage)
        _run("build", str(folder), "-o", str(output))
        assert output.read_bytes() == before
    assert len(reads) == 3
    _run("build", str(folder), "-o", str(output))  # kept again by the last: taken
    assert len(reads) == 3


def test_a_model_kept_is_not_taken_when_a_name_leads_elsewhere_or_nowhere(conference, tmp_path, monkeypatch):
    """A link the data names (an image) pointed at another file since, or a link put in a data file's place that
    leads nowhere: the data as it is now is read (and a bad link is reported), not the model kept."""
    folder, output = conference
    (tmp_path / "imgs").mkdir()
    (tmp_path / "imgs" / "navy.png").write_bytes(_png("navy"))
    (tmp_path / "imgs" / "maroon.png").write_bytes(_png("maroon"))
    logo = folder / "images" / "logo.png"
    logo.unlink()
    logo.symlink_to(tmp_path / "imgs" / "navy.png")
    _run("build", str(folder), "-o", str(output))
    navy = output.read_bytes()
    logo.unlink()
    logo.symlink_to(tmp_path / "imgs" / "maroon.png")  # the same name, the target's identity unchanged
    _run("build", str(folder), "-o", str(output))
    maroon = output.read_bytes()
    with monkeypatch.context() as patch:
        patch.setenv("BOOKLET_CACHE", "off")
        _run("build", str(folder), "-o", str(tmp_path / "off.pdf"))
    assert maroon != navy and maroon == (tmp_path / "off.pdf").read_bytes()

    (folder / "people.yaml").symlink_to(folder / "nowhere.yaml")
    run = CliRunner().invoke(main, ["build", str(folder), "-o", str(output)])
    assert run.exit_code == 1 and "people.yaml:1: the file is a symbolic link to" in run.output
    assert output.read_bytes() == maroon  # nothing written


def test_proofs_that_build_their_own_booklet_take_what_the_last_build_read_and_keep_what_they_read(
        conference, tmp_path, monkeypatch):
    """After a build with other options (no bleed) proofs build their own booklet (the note's PDF is not theirs),
    from the model that build kept: the data is not read, and the proofs are the bytes of proofs without a cache.
    Proofs of data edited since read it, and keep what they read, as a build does (their booklet stays, in the disk
    cache: test_proofs_keep_the_booklet_they_built_...): the next proofs of that data read nothing."""
    import booklet.data.validate
    import booklet.processes

    folder, output = conference
    _run("build", str(folder), "-o", str(output), "--bleed", "0")
    monkeypatch.setattr(booklet.processes, "cores", lambda: 1)  # built in this process, where reading is counted
    reads = []
    real = booklet.data.validate.read_booklet
    monkeypatch.setattr(booklet.data.validate, "read_booklet", lambda *args: reads.append(1) or real(*args))
    taken = _proofs(folder, tmp_path / "taken")
    assert reads == []
    [kept] = (tmp_path / "cache" / built.READ).glob("*.pickle")
    before = kept.read_bytes()
    _edit_keeping_size_and_time(folder, output)
    edited = _proofs(folder, tmp_path / "edited")
    assert len(reads) == 1 and kept.read_bytes() != before  # read, and kept
    assert _proofs(folder, tmp_path / "edited-again") == edited and len(reads) == 1
    with monkeypatch.context() as patch:
        patch.setenv("BOOKLET_CACHE", "off")
        assert _proofs(folder, tmp_path / "edited-off") == edited
    reads.clear()  # (the proofs without a cache read)
    (folder / "abstracts.yaml").write_text(BASE["abstracts.yaml"], encoding="utf-8")  # back as the build read it
    assert _proofs(folder, tmp_path / "back") == taken
    with monkeypatch.context() as patch:
        patch.setenv("BOOKLET_CACHE", "off")
        assert _proofs(folder, tmp_path / "off") == taken


def test_proofs_after_a_watch_take_its_pdf_and_what_it_read(conference, tmp_path, monkeypatch):
    """`booklet watch` keeps what its last build read once it waits for changes (not timed with the build): proofs
    of the same data then take the watch's PDF and read nothing, and are the bytes of proofs without a cache."""
    import booklet.data.validate
    from booklet.watch import Rebuild, watch

    folder, _ = conference
    _edit_keeping_size_and_time(folder, tmp_path / "unused.pdf")  # data no build has read yet
    reads, told = [], []
    real = booklet.data.validate.read_booklet
    monkeypatch.setattr(booklet.data.validate, "read_booklet", lambda *args: reads.append(1) or real(*args))

    def kept_now() -> bool:
        return built.read_of(built.inputs(folder, proof_options("A5"), "A5"), folder) is not None

    def report(event) -> None:
        if isinstance(event, Rebuild):  # told of the build: nothing kept yet
            told.append((event.ok, kept_now()))

    watch(folder, tmp_path / "watched.pdf", report=report, watcher=lambda roots, wanted: iter(()))
    assert told == [(True, False)] and len(reads) == 1 and kept_now()
    with monkeypatch.context() as patch:
        patch.setattr("booklet.proofs.write._build", _not_built)
        taken = _proofs(folder, tmp_path / "after-watch")
    assert len(reads) == 1  # the watch's reading, none since
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    assert _proofs(folder, tmp_path / "off") == taken


def test_what_a_watch_read_is_not_kept_when_a_file_is_gone_or_a_font_replaced_and_keeping_never_ends_it(
        conference, tmp_path, monkeypatch):
    """A watch keeps its last build's model once it has reported it: not when an image it read is gone by then
    (the next build reports it, rather than take a model that names it); when a font file was replaced since the
    watch's process parsed it, its next build through the same cache reads the file again (text.fonts.
    forget_replaced) and is kept, the proofs taken from it those of a build without the cache; and a failure to keep
    it never ends the watch."""
    from booklet.build import build_booklet
    from booklet.cache import BuildCache
    from booklet.watch import Rebuild, watch

    folder, output = conference
    _edit_keeping_size_and_time(folder, output)  # data no build has read yet

    def kept_now() -> bool:
        return built.read_of(built.inputs(folder, proof_options("A5"), "A5"), folder) is not None

    result = build_booklet(folder, tmp_path / "watched.pdf", cache=BuildCache())
    (folder / "images" / "logo.png").unlink()
    result.keep_read()
    assert not kept_now()
    run = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "a4.pdf"), "--page-size", "A4"])
    assert run.exit_code == 1 and "logo: 'images/logo.png': file not found" in run.output

    (folder / "images" / "logo.png").write_bytes(_png("navy"))
    cache = BuildCache()
    build_booklet(folder, tmp_path / "watched.pdf", cache=cache)  # parses the theme's font in this process
    shutil.copyfile(FONTS / "GentiumBookPlus-Italic.ttf", folder / "fonts" / "Body-Regular.ttf")
    result = build_booklet(folder, tmp_path / "watched.pdf", cache=cache)  # reads the replaced font file again
    result.keep_read()
    assert kept_now()
    with monkeypatch.context() as patch:
        patch.setattr("booklet.proofs.write._build", _not_built)
        taken = _proofs(folder, tmp_path / "after-font")
    with monkeypatch.context() as patch:
        patch.setenv("BOOKLET_CACHE", "off")
        assert _proofs(folder, tmp_path / "font-off") == taken

    def failing(*args):
        raise RuntimeError("the disk cache is gone")

    monkeypatch.setattr(built, "kept_read", failing)
    events = []
    watch(folder, tmp_path / "watched.pdf", report=events.append, watcher=lambda roots, wanted: iter(()))
    assert [e.ok for e in events if isinstance(e, Rebuild)] == [True]


def test_a_file_under_a_data_files_name_since_the_last_build_is_noticed(conference, tmp_path):
    """The last build's reading is taken for the very same data; a programme.yml (or a stray program.yaml) added
    since is part of what reading says, so the next build reads again and says it."""
    folder, output = conference
    (folder / "program.yaml").write_text(BASE["programme.yaml"], "utf-8")
    run = CliRunner().invoke(main, ["build", str(folder), "-o", str(output)])
    assert run.exit_code == 0, run.output
    assert ("program.yaml:1: warning: booklet reads programme.yaml, which is there too; this file is left out "
            "(remove or rename it)") in run.stderr.splitlines()


def test_yaml_files_in_a_folder_inside_abstracts_since_the_last_build_are_noticed(conference, tmp_path):
    """A folder of abstracts moved inside abstracts/ since the last build (abstracts/old/), whose files booklet
    does not read: the data files are the same, but what reading says is not; the next build says it, as check
    does, rather than take the last build's warnings."""
    folder, output = conference
    (folder / "abstracts" / "old").mkdir(parents=True)
    (folder / "abstracts" / "old" / "lund.yaml").write_text(
        "id: lund\ntitle: T\nspeaker: {name: A B}\nabstract: x\n", "utf-8")
    expected = ("abstracts/old/:1: warning: booklet reads the abstracts' files in abstracts/ itself, not in a folder "
                "inside it: the 1 YAML file in this one is left out (move it up to abstracts/ to print it)")
    run = CliRunner().invoke(main, ["build", str(folder), "-o", str(output)])
    assert run.exit_code == 0, run.output
    assert expected in run.stderr.splitlines()

    # and a folder of abstracts under another name beside abstracts/ (abstract/), added since that build
    (folder / "abstract").mkdir()
    (folder / "abstract" / "lund.yaml").write_text("id: lund\ntitle: T\nspeaker: {name: A B}\nabstract: x\n", "utf-8")
    run = CliRunner().invoke(main, ["build", str(folder), "-o", str(output)])
    assert run.exit_code == 0, run.output
    assert ("abstract/:1: warning: booklet reads the abstracts' files in abstracts/, which is there too: the 1 YAML "
            "file in this folder is left out (move it to abstracts/ to print it)") in run.stderr.splitlines()


def _laid_out(*args, **kwargs):
    raise AssertionError("the booklet was laid out again")


@pytest.mark.parametrize("comment", ["end", "top"])
def test_proofs_of_data_edited_where_reading_does_not_look_take_the_builds_pdf(conference, tmp_path, monkeypatch,
                                                                               comment):
    """A comment added to a data file since the build: the data reads as the build read it, so proofs take that
    build's PDF once the data is checked, and do not lay the booklet out again; the proofs are the bytes of proofs
    without a cache. The data is linted again: a comment line on top moves the lines of the warnings below it."""
    import booklet.build
    import booklet.output.parallel
    import booklet.processes

    folder, _ = conference
    path = folder / "abstracts.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n# checked by the chair\n" if comment == "end" else "# checked by the chair\n" + text,
                    encoding="utf-8")
    assert _found(folder) is None  # (the data files' bytes differ: not the note's very inputs)
    monkeypatch.setattr(booklet.processes, "cores", lambda: 1)  # built in this process, where layouts are watched
    with monkeypatch.context() as patch:
        patch.setattr(booklet.build, "build_story", _laid_out)
        patch.setattr(booklet.output.parallel, "parallel_parts", _laid_out)
        said = _run("proofs", str(folder), "--out", str(tmp_path / "taken"))
    taken = {path.name: path.read_bytes() for path in sorted((tmp_path / "taken").iterdir())}
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    assert _proofs(folder, tmp_path / "built") == taken
    assert _run("proofs", str(folder), "--out", str(tmp_path / "again")) == said.replace("taken", "again")


def test_proofs_of_data_that_reads_otherwise_lay_the_booklet_out(conference, tmp_path, monkeypatch):
    """A word changed since the build (reading gives another model): proofs lay their booklet out."""
    import booklet.build
    import booklet.processes

    folder, output = conference
    monkeypatch.setattr(booklet.processes, "cores", lambda: 1)
    monkeypatch.setattr(booklet.build, "build_story", _laid_out)
    _edit_keeping_size_and_time(folder, output)
    run = CliRunner().invoke(main, ["proofs", str(folder), "--out", str(tmp_path / "edited")])
    assert run.exit_code != 0 and "the booklet was laid out again" in run.output


def test_a_model_read_is_alike_only_when_every_field_but_where_it_is_written_is_equal():
    """same_booklet compares the fields a model's `==` leaves out too: a session whose chair the fonts print nothing
    of keeps its name in chairs_left_out, which gives the session an anchor (layout.common.chaired_sessions); only
    where a value is written (`source`, its line: a comment line moves it) is not compared."""
    from booklet.model import Session, Source

    session = Session("Inference", (), (), None, Source("programme.yaml", 3, "days[0]"), chairs_left_out=("🎈",))
    assert built._alike(session, replace(session, source=Source("programme.yaml", 4, "days[0]")))
    no_chair = replace(session, chairs_left_out=())
    assert no_chair == session and not built._alike(no_chair, session)
    assert not built._alike([session], [session, session]) and not built._alike({"a": session}, {"b": session})


def test_a_model_read_is_alike_only_with_values_of_the_same_types():
    """A value `==` another of another type (a poster's number 1 read as 1.0 or True, which print otherwise) is not
    alike; nor a field of a dataclass nested in tuples and dicts that differs, but where it is written."""
    from booklet.model import Poster, Source

    poster = Poster(1, "Mixture density networks", (), source=Source("posters.yaml", 1, "[0]"))
    assert built._alike((poster,), (replace(poster, source=Source("posters.yaml", 2, "[0]")),))
    assert replace(poster, number=1.0) == poster and not built._alike(replace(poster, number=1.0), poster)
    assert not built._alike({"a": (poster,)}, {"a": (replace(poster, number=True),)})
    assert not built._alike({"a": [poster]}, {"a": [replace(poster, title="Mixture density network")]})


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_in_parts_keeps_what_it_read_and_lints_in_a_process_of_its_own(conference, tmp_path, monkeypatch,
                                                                                jobs):
    """While the workers of a build in parts lay out, what reading gave is pickled for the next build (built.kept_read)
    and the data linted in a forked process, which sends the warnings back and ends: not in the build's own, which
    shares the model's pages with the workers (pickling and linting write each object's reference count: every page
    they go through copied, some 40 MB of a 2,000-talk build's process to its end). A build in one process does both
    itself. The warnings are the same either way; the next build takes what was kept (reads nothing) and makes the
    same bytes."""
    import booklet.build
    import booklet.data.validate
    from booklet import processes
    from booklet.build import build_booklet

    folder, _ = conference
    abstracts = folder / "abstracts.yaml"  # data no build has read yet, with a warning: a name given twice
    abstracts.write_text(abstracts.read_text(encoding="utf-8").replace(
        "    - {name: Bo Jones}\n", "    - {name: Bo Jones}\n    - {name: Bo Jones}\n"), encoding="utf-8")
    monkeypatch.setattr(processes, "forks_pay", lambda: True)
    where, real_kept_read, real_linted = tmp_path / "done-by", built.kept_read, booklet.build.linted

    def noted(what, real):
        def run(*args):
            found = real(*args)
            with open(where, "a") as file:
                file.write(f"{what} {os.getpid()}\n")
            return found
        return run

    monkeypatch.setattr(built, "kept_read", noted("kept", real_kept_read))
    monkeypatch.setattr(booklet.build, "linted", noted("linted", real_linted))
    first = build_booklet(folder, tmp_path / "first.pdf", jobs=jobs)
    done = [line.split() for line in where.read_text().splitlines()]
    assert [what for what, _ in done] == ["kept", "linted"]
    assert {int(pid) != os.getpid() for _, pid in done} == {jobs == 2}
    assert [(w.file, w.line) for w in first.warnings] == [("abstracts.yaml", 10), ("theme.yaml", 1)]
    assert first.warnings[0].message == "'Bo Jones' is named already, at line 9: printed twice"
    reads, real = [], booklet.data.validate.read_booklet
    monkeypatch.setattr(booklet.data.validate, "read_booklet", lambda *args: reads.append(1) or real(*args))
    again = build_booklet(folder, tmp_path / "again.pdf", jobs=jobs)
    assert reads == [] and (tmp_path / "again.pdf").read_bytes() == (tmp_path / "first.pdf").read_bytes()
    assert again.warnings == first.warnings


def _boxes_named(folder: Path) -> tuple[int, int]:
    """Of the math boxes the layouts file of the build's own process (part 0) names, how many, and how many of them the
    file keeps (their characters stand for them in the layouts: persisted._boxes_in)."""
    import pickle

    from booklet.cache import persisted

    cache = persisted.PersistedCache(folder)
    name, kept = next((name, kept) for name in (f"layouts, part 0 of {parts}" for parts in range(2, 5))
                      if (kept := cache._kept_file(name)) is not None)
    payload = bytes(kept[3]) + (cache._apart_path(name, kept[5]).read_bytes() if kept[5] else b"")  # (and the parsed)
    chars = {char.decode() for char in persisted._box_chars(payload)}
    return len(chars), len(chars & set(pickle.loads(kept[4])))


_MEASURED = ("The estimator $\\hat{\\theta}_n$ of the mean converges at the rate $n^{-1/2}$ under mild conditions on "
             "the tails, and its bias is of order $O(1/n)$ for every sample we looked at. ")


def test_a_build_in_parts_after_an_edit_lints_only_what_changed_as_lint_in_its_own_process_does(tmp_path,
                                                                                               monkeypatch):
    """The forked process that lints a build in parts sends back what lint asked of the build's cache (the names'
    collation keys it made, the abstracts' layouts it measured, the math boxes they name), which the build's process
    keeps as it would have had lint run there: the next build after an edit lints only what changed. Before, what lint
    made was lost with the forked process, and each build in parts linted from nothing (500 talks: 1 s of CPU more).
    The same warnings and bytes, forked or not."""
    import booklet.build
    from booklet import processes
    from booklet.build import build_booklet
    from booklet.cache.memory import active

    where, real_linted = tmp_path / "lint", booklet.build.linted

    def noted(*args):
        made = dict(active().made)
        found = real_linted(*args)
        made = {section: active().made.get(section, 0) - made.get(section, 0) for section in ("facts", "layouts")}
        with open(where, "a") as file:
            file.write(f"{os.getpid() != main_process} {made['facts']} {made['layouts']}\n")
        return found

    main_process = os.getpid()
    monkeypatch.setattr(booklet.build, "linted", noted)
    text = "\n".join("    " + _MEASURED * 8 for _ in range(3))
    abstracts = BASE["abstracts.yaml"].replace("abstract: Some text.", "abstract: |\n" + text.replace("mean", "mode"))
    abstracts = abstracts.replace("abstract: More text.", "abstract: |\n" + text)
    made, built_, named = {}, {}, {}
    for forked in (True, False):
        monkeypatch.setattr(processes, "forks_pay", lambda: forked)
        monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / f"cache-{forked}"))
        folder = write_conference(tmp_path / f"conference-{forked}", {"abstracts.yaml": abstracts})
        for edit in (False, True):
            if edit:  # one abstract's text corrected
                path = folder / "abstracts.yaml"
                path.write_text(path.read_text(encoding="utf-8").replace("mode", "median", 1), encoding="utf-8")
            result = build_booklet(folder, tmp_path / f"{forked}-{edit}.pdf", jobs=2)
            built_[forked, edit] = result.warnings, (tmp_path / f"{forked}-{edit}.pdf").read_bytes()
        made[forked] = [line.split() for line in where.read_text().splitlines()]
        named[forked] = _boxes_named(folder)
        where.unlink()
    assert [elsewhere for elsewhere, _, _ in made[True]] == ["True", "True"]
    assert [elsewhere for elsewhere, _, _ in made[False]] == ["False", "False"]
    (facts, layouts), (facts_again, layouts_again) = (map(int, run[1:]) for run in made[True])
    assert facts > 0 and facts_again == 0  # (no name changed)
    assert 0 < layouts_again < layouts / 2  # the corrected abstract's paragraphs, laid out again
    assert named[True][0] > 0 and named[True] == named[False]  # what lint laid out of the math: its boxes kept too
    assert built_[True, False] == built_[False, False] and built_[True, True] == built_[False, True]
    assert [(w.file, w.kind) for w in built_[True, True][0]][:2] == [("abstracts.yaml", "too-long")] * 2


# a conference with warnings in every data file: lines a comment line moves
_LINTED = {
    "conference.yaml": BASE["conference.yaml"] + "contact: not-an-address\nurl: htp//x\n",
    "abstracts.yaml": BASE["abstracts.yaml"].replace("    - {name: Bo Jones}\n",
                                                     "    - {name: Bo Jones}\n    - {name: Bo Jones}\n"),
    "abstracts/own.yaml": "id: own\ntitle: TBD\nspeaker: {name: Ana Smith, affiliation: Uni A, email: ana@x}\n"
                          "abstract: |\n  Lorem ipsum dolor sit amet.\n",
    "posters.yaml": BASE["posters.yaml"] + "- number: 3\n  author: Zoe Papadopoulou\n  title: TBA\n",
    "theme.yaml": "labels: {chair: 'Chair: {name}'}\n",
    "tutorials.yaml": BASE["tutorials.yaml"] + "- id: t2\n  title: TBD\n  description: xxx\n  presenters: [{name: N.N.}]\n",
}


def _full_lint(folder: Path) -> list:
    """The warnings of the data as it is, every check of lint run (no note taken), grouped as a build gives them."""
    from booklet.check import read
    from booklet.layout.page import page_for
    from booklet.lint import grouped, lint

    model, warnings = read(folder)
    return [p for _, _, group in grouped(warnings + lint(model, page_for("A5"), folder)) for p in group]


def _checks_run(monkeypatch) -> list[str]:
    """The names of lint's checks that run from now on (not taken from the last lint: lint.parts' `taken`)."""
    import booklet.lint

    ran, real = [], booklet.lint.parts

    def parts(model, page, folder, taken=None, lines=None):
        ran.extend(name for name, _ in real(model, page, folder, taken, lines) if name not in (taken or {}))
        return real(model, page, folder, taken, lines)

    monkeypatch.setattr(booklet.lint, "parts", parts)
    return ran


@pytest.mark.parametrize("name", ["conference.yaml", "programme.yaml", "abstracts.yaml", "abstracts/own.yaml",
                                  "posters.yaml", "tutorials.yaml", "theme.yaml"])
def test_proofs_after_a_comment_line_take_the_last_lints_findings_at_their_lines_now(tmp_path, monkeypatch, name):
    """A comment line added on top of a data file since the build (every line of it one further down): the data reads
    as the build read it, so the proofs' build takes that build's PDF, and lint takes that build's findings, each at its
    line now, running none of its checks but those whose findings name a line that may have moved ("named already,
    at line 9"): the warnings a whole lint of the data gives, lines and all. A comment line between entries and at
    the end, the same. Before, every check of lint ran again (0.2 s of CPU at 500 talks)."""
    import booklet.build
    from booklet.build import build_booklet

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = write_conference(tmp_path / "conf", _LINTED)
    output = tmp_path / "booklet.pdf"
    first = build_booklet(folder, output)
    assert {p.file for p in first.warnings} >= {"conference.yaml", "abstracts.yaml", "abstracts/own.yaml",
                                                "posters.yaml", "tutorials.yaml"}
    path = folder / name
    text = path.read_text(encoding="utf-8")
    ran = _checks_run(monkeypatch)
    monkeypatch.setattr(booklet.build, "build_story", _laid_out)
    path.write_text("# checked by the chair\n" + text, encoding="utf-8")
    again = build_booklet(folder, tmp_path / "again.pdf", built_before=True)
    run = set(ran)
    assert (tmp_path / "again.pdf").read_bytes() == output.read_bytes()
    assert again.warnings == _full_lint(folder)
    assert [p.line for p in again.warnings if p.file == name] == [p.line + 1 for p in first.warnings if p.file == name]
    # run again: those whose messages hold a number that may be a line that moved ("'Bo Jones' is named already, at
    # line 9", "poster numbers jump from 1 to 3"), not a name's ("tutorial 't2' is not in the programme"), and those
    # with findings in this file and another (which a check may have put in the order of their lines)
    spans = {"coverage": {"abstracts/own.yaml", "tutorials.yaml"}, "placeholder-entries": {"tutorials.yaml",
                                                                                           "posters.yaml"}}
    assert run == {"people-twice", "posters-participants"} | {check for check, files in spans.items() if name in files}
    lines = path.read_text(encoding="utf-8").split("\n")
    entry = next((at for at in range(len(lines) - 1, 0, -1) if lines[at][:1] not in ("", " ", "#")), None)
    if entry is not None:  # (between the last two entries, or top-level keys, and at the end)
        lines[entry:entry] = ["", "# and this one, again"]
        path.write_text("\n".join(lines) + "# the end\n", encoding="utf-8")
        again = build_booklet(folder, tmp_path / "again.pdf", built_before=True)
        assert again.warnings == _full_lint(folder)


def test_proofs_after_an_edit_that_moves_values_but_changes_none_lint_the_whole_book(tmp_path, monkeypatch):
    """A mapping written over lines instead of on one (its values the same: the build's PDF is taken) moves the lines
    of the values after it otherwise than a comment line does: the last lint's findings are not taken, and every check
    runs. A line of a block text that starts with '#' is text: changed, the booklet is laid out again and shows it."""
    import booklet.build
    from booklet.build import build_booklet

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = write_conference(tmp_path / "conf", {**_LINTED, "abstracts.yaml": _LINTED["abstracts.yaml"].replace(
        "abstract: More text.", "abstract: |\n    More text.\n    # not a comment: the text's")})
    output = tmp_path / "booklet.pdf"
    build_booklet(folder, output)
    ran = _checks_run(monkeypatch)
    path = folder / "abstracts/own.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "speaker: {name: Ana Smith, affiliation: Uni A, email: ana@x}",
        "speaker:\n  name: Ana Smith\n  affiliation: Uni A\n  email: ana@x"), encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(booklet.build, "build_story", _laid_out)
        again = build_booklet(folder, tmp_path / "again.pdf", built_before=True)
    assert (tmp_path / "again.pdf").read_bytes() == output.read_bytes()  # (the same values)
    run = set(ran)
    assert again.warnings == _full_lint(folder)
    assert ("abstracts/own.yaml", 6) in {(p.file, p.line) for p in again.warnings}  # (the email, a line further)
    assert {"names", "placeholders", "emails"} <= run
    path = folder / "abstracts.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("# not a comment", "# nor this one"), encoding="utf-8")
    again = build_booklet(folder, tmp_path / "again.pdf", built_before=True)
    reader = PdfReader(tmp_path / "again.pdf")
    assert "# nor this one" in " ".join(page.extract_text() for page in reader.pages)
    assert again.warnings == _full_lint(folder)


_VALUE_EDITS = [  # (file, as written, as edited): a value each
    ("conference.yaml", "venue: Lund, Sweden", "venue: Lund, Sverige"),
    ("programme.yaml", "title: Welcome}", "title: Welcome!}"),
    ("abstracts.yaml", "title: A talk about Lund", "title: A talk about Malmo"),
    ("abstracts/own.yaml", "Lorem ipsum dolor sit amet.", "Lorem ipsum dolor sit amen."),
    ("abstracts/own.yaml", "  Lorem ipsum dolor sit amet.\n", "  Lorem ipsum dolor sit amet.\n  # and a heading\n"),
    ("posters.yaml", "title: TBA", "title: TBA!"),
    ("tutorials.yaml", "description: xxx", "description: xyz"),
    ("theme.yaml", "'Chair: {name}'", "'Chaired by {name}'"),
]


@pytest.mark.parametrize("name, was, now", _VALUE_EDITS, ids=[f"{n}:{w}" for n, w, _ in _VALUE_EDITS])
def test_a_value_changed_in_any_data_file_since_the_build_is_not_alike(tmp_path, monkeypatch, name, was, now):
    """A value changed since the build, in any data file (an abstract's own file, a theme's label; a line starting
    with '#' added inside a block text, which is text, not a comment): the data does not read as the build read it,
    so neither its PDF nor its lint's findings are taken (built.read_alike: None). The same file put back as it was,
    only its bytes written again: it reads alike."""
    from booklet.check import read

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = write_conference(tmp_path / "conf", _LINTED)
    _run("build", str(folder), "-o", str(tmp_path / "booklet.pdf"))
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(was) == 1

    def alike():
        before = built.inputs(folder, proof_options("A5"), "A5")
        return built.read_alike(before, folder, *read(folder))

    path.write_text(text.replace(was, now), encoding="utf-8")
    assert alike() is None
    path.write_text("# a comment\n" + text, encoding="utf-8")
    assert alike() is not None


def test_proofs_after_a_label_changed_since_the_build_show_it(conference, tmp_path):
    """A theme's label changed since the build (a value not in the conference's own files): proofs lay their booklet
    out, and show the new words, not the build's PDF."""
    folder, _ = conference
    (folder / "theme.yaml").write_text("fonts: {text: fonts/Body-Regular.ttf}\n# the chair's words\n"
                                       "labels: {chair: 'Chaired by {name}'}\n", encoding="utf-8")
    _proofs(folder, tmp_path / "proofs")
    pages = PdfReader(tmp_path / "proofs" / next(p.name for p in (tmp_path / "proofs").iterdir()
                                                  if "chen" in p.name.lower())).pages
    assert "Chaired by Mei Chen" in " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_a_build_that_takes_the_last_builds_pdf_checks_the_data_in_its_own_process(conference, tmp_path, monkeypatch):
    """A build in parts whose data reads as the last build's did (a comment added) lays nothing out and has no
    workers: it keeps what it read and lints in its own process, not in one forked to spare the workers' pages (which
    it waited for, doing nothing). The same warnings as a whole lint."""
    import booklet.build
    import booklet.output.parallel
    from booklet import processes
    from booklet.build import build_booklet

    folder, _ = conference
    monkeypatch.setattr(processes, "forks_pay", lambda: True)
    first = build_booklet(folder, tmp_path / "first.pdf", jobs=2)
    assert first.jobs == 2
    path = folder / "programme.yaml"
    path.write_text("# checked\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    pids, real_kept_read, real_linted = [], built.kept_read, booklet.build.linted
    monkeypatch.setattr(built, "kept_read", lambda *args: pids.append(("kept", os.getpid())) or real_kept_read(*args))
    monkeypatch.setattr(booklet.build, "linted", lambda *args: pids.append(("linted", os.getpid()))
                        or real_linted(*args))
    monkeypatch.setattr(booklet.output.parallel, "parallel_parts", _laid_out)
    again = build_booklet(folder, tmp_path / "again.pdf", jobs=2, built_before=True)
    assert pids == [("kept", os.getpid()), ("linted", os.getpid())]
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "first.pdf").read_bytes()
    assert again.warnings == _full_lint(folder)
