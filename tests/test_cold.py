"""Cold builds: what `booklet build` imports, and booklet's disk cache (fonts, hyphenation, collation, images),
which must never change the PDF nor stop a build."""

from __future__ import annotations

import errno
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from booklet.cache import disk
from booklet.data.extras import QR_MAX_BYTES, qr_problem

from .helpers import BASE, write_conference
from booklet.cache import digest

from .pdftext import Pdf

ROOT = Path(__file__).resolve().parent.parent

# Not needed to build a booklet: the readers and renderers of proofs, impose, preflight and preview, the importers,
# watch, init, and the libraries only they use.
NOT_FOR_A_BUILD = ("pypdf", "pypdfium2", "jsonschema", "watchfiles", "openpyxl", "markdown_it", "markdownify",
                   "bs4", "ruamel", "booklet.proofs", "booklet.printing.impose", "booklet.printing.preflight",
                   "booklet.printing.scan", "booklet.output.preview", "booklet.output.pngs", "booklet.importers",
                   "booklet.watch", "booklet.start")

BUILD_AND_LIST = """
import json, sys
sys.argv = ["booklet", "build", sys.argv[1], "-o", sys.argv[2], *sys.argv[3:]]
from booklet.cli import main
try:
    main(prog_name="booklet")
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _new_process_build(monkeypatch, folder: Path, output: Path, cache: str, jobs: int = 1) -> bytes:
    """The PDF of `folder` built as a new process builds it (no warm cache; BOOKLET_CACHE=`cache`)."""
    from booklet.build import build_booklet
    from booklet.cache import BuildCache

    monkeypatch.setenv("BOOKLET_CACHE", cache)
    build_booklet(folder, output, cache=BuildCache(warm=False), jobs=jobs)
    return output.read_bytes()


def _off_by_jobs(tmp_path_factory, name: str, folder_in):
    """`off(jobs)`: the PDF bytes of the folder `folder_in(root)` gives (root: a new temporary folder) built as a new
    process builds it without the cache, by jobs, each made once."""
    made: dict[int, bytes] = {}

    def off(jobs: int = 1) -> bytes:
        if jobs not in made:
            root = tmp_path_factory.mktemp(name)
            with pytest.MonkeyPatch.context() as patch:
                made[jobs] = _new_process_build(patch, folder_in(root), root / f"off-{jobs}.pdf", "off", jobs)
        return made[jobs]

    return off


@pytest.fixture(scope="module")
def sample_off(tmp_path_factory):
    """The PDF bytes of the sample conference (data/) built as a new process builds it without the cache, by jobs:
    made once a module (each xdist worker), for the tests that build a copy of the sample with the disk cache and
    compare the bytes (a build without the cache reads the folder and writes nothing into it)."""
    return _off_by_jobs(tmp_path_factory, "sample-off", lambda root: ROOT / "data")


@pytest.fixture(scope="module")
def illustrated_off(tmp_path_factory):
    """The PDF bytes of the illustrated conference (_illustrated) built as a new process builds it without the cache,
    by jobs: made once a module, for the tests that build one of their own with the disk cache and compare the bytes
    (the same files: the same PDF, wherever the folder is)."""
    return _off_by_jobs(tmp_path_factory, "illustrated-off", lambda root: _illustrated(root / "conf"))


@pytest.fixture(scope="module")
def sample_first(tmp_path_factory):
    """A copy of the sample built once with a disk cache of its own, nothing kept before, as `booklet build --jobs 1`
    builds it (its own PersistedCache): the folder, the cache folder as that build left it, that PersistedCache and
    the PDF's bytes. Made once a module for the tests that start from that first build (five builds of the sample
    before, one each): each takes a copy of the cache (_from_sample_first) and leaves the folder as it is (what is kept
    is known by the folder's real path and its files' identities). Noted as it builds (`reparsed`), for
    test_a_kept_paragraph_s_fragments_not_kept_are_parsed_again_as_parsed_first: for each paragraph whose fragments
    are not kept as parsed, whether parsing its markup again gives the fragments of its first parse, pickled alike
    (a check that calls the real Para._setup and leaves the paragraph as it was)."""
    import shutil
    from types import SimpleNamespace

    from booklet.build import build_booklet
    from booklet.cache import persisted
    from booklet.layout.flowables import Para, _ParseAgain

    root = tmp_path_factory.mktemp("sample-first")
    folder = root / "data"
    shutil.copytree(ROOT / "data", folder)
    setup, reparsed = Para._setup, []

    def checked(self, *args):  # each paragraph's first parse against its parse again, as a rebuild would make it
        setup(self, *args)
        if type(self._parsed) is _ParseAgain and "_frags" in self.__dict__:
            reparsed.append(pickle.dumps(self._as_parsed()) == pickle.dumps(self.__dict__["_frags"]))

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BOOKLET_CACHE", str(root / "cache"))
        patch.setattr(Para, "_setup", checked)
        first = persisted.PersistedCache(folder)
        build_booklet(folder, root / "first.pdf", cache=first, jobs=1)
    return SimpleNamespace(folder=folder, cache=root / "cache", first=first, pdf=(root / "first.pdf").read_bytes(),
                           reparsed=reparsed)


def _from_sample_first(sample_first, tmp_path: Path, monkeypatch) -> Path:
    """sample_first's folder, with BOOKLET_CACHE a copy (tmp_path / "cache") of the cache its first build left."""
    import shutil

    shutil.copytree(sample_first.cache, tmp_path / "cache")
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    return sample_first.folder


def _illustrated(folder: Path) -> Path:
    """The minimal conference with a cover picture, a logo with transparency, a speaker's photo, math (a fallback
    font) and the index of names (the collation table)."""
    write_conference(folder, {
        "conference.yaml": BASE["conference.yaml"] + "cover_image: images/cover.jpg\nlogo: images/logo.png\n",
        "abstracts.yaml": BASE["abstracts.yaml"].replace(
            "speaker: {name: Ana Smith, affiliation: Uni A}",
            "speaker: {name: Ana Smith, affiliation: Uni A, photo: images/ana.jpg}").replace(
            "abstract: Some text.", "abstract: Some text with $\\\\mathbb{E}[x] \\\\sim 30\\\\%$ in it, hyphenated "
            "electroencephalographically. " + "Magnetoencephalographic characterisations, " * 12 + "ended."),
    })
    (folder / "images").mkdir()
    Image.radial_gradient("L").resize((1800, 1200)).convert("RGB").save(folder / "images/cover.jpg", quality=90)
    Image.radial_gradient("L").resize((900, 1100)).convert("RGB").save(folder / "images/ana.jpg", quality=90)
    logo = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    logo.paste((200, 30, 30, 255), (100, 100, 500, 500))
    logo.save(folder / "images/logo.png")
    return folder


def _build(folder: Path, output: Path, cache: str) -> None:
    env = {**os.environ, "BOOKLET_CACHE": cache}
    done = subprocess.run([sys.executable, "-m", "booklet", "build", str(folder), "-o", str(output)], env=env,
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Wrote {output} (")


def _entries(cache: Path) -> dict[str, int]:
    return {str(p.relative_to(cache)): p.stat().st_mtime_ns for p in sorted(cache.rglob("*.pickle"))}


@pytest.mark.parametrize("jobs", [[], ["--jobs", "2"]])  # a build in parts reads its parts without pypdf too
def test_a_build_imports_only_what_it_needs(tmp_path, jobs):
    folder = write_conference(tmp_path / "conf")
    output = tmp_path / "b.pdf"
    done = subprocess.run([sys.executable, "-c", BUILD_AND_LIST, str(folder), str(output), *jobs], capture_output=True,
                          text=True, cwd=ROOT)
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["code"] in (0, None) and output.is_file()
    loaded = report["modules"]
    assert "reportlab.platypus" in loaded and "booklet.output.render" in loaded  # it did build
    assert [m for m in loaded if m.split(".")[0] in NOT_FOR_A_BUILD or m.startswith(NOT_FOR_A_BUILD)] == []


IMPORT_CLI = """
import gc, json, sys
import booklet
gc.collect()  # (what was made before: not booklet.cli's)
gc.enable() if sys.argv[1] == "on" else gc.disable()
started = []
gc.callbacks.append(lambda phase, info: phase == "start" and started.append(info["generation"]))
import booklet.cli
print(json.dumps({"collections": started, "enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}))
"""


@pytest.mark.parametrize("collecting", ["on", "off"])
def test_importing_the_command_line_collects_nothing_and_leaves_the_collector_as_it_was(collecting):
    """What importing booklet.cli makes lives as long as the process: the cyclic garbage collector is paused while it
    is imported (it ran about 25 times, twice over the middle generation), then what it made is moved out of the
    collector's way (gc.freeze), which is left enabled, or not, as it was."""
    done = subprocess.run([sys.executable, "-c", IMPORT_CLI, collecting], capture_output=True, text=True, cwd=ROOT,
                          check=True)
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["collections"] == [] and report["enabled"] == (collecting == "on")
    assert report["frozen"] > 10_000  # the modules, Click's objects and the command line's


def _built_with_cache(folder, output, cache) -> list[str]:
    """The modules a process building `folder` into `output` with the disk cache `cache` loaded (BUILD_AND_LIST)."""
    done = subprocess.run([sys.executable, "-c", BUILD_AND_LIST, str(folder), str(output)], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "BOOKLET_CACHE": str(cache)})
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["code"] in (0, None) and output.is_file(), done.stderr
    return report["modules"]


@pytest.fixture(scope="module")
def filled_cache_builds(tmp_path_factory):
    """The illustrated conference with a formula of math macros (\\sim) and a QR code in its data, and a poster's
    author in Greek (the index names the script: "Π Greek"), built in new processes (BUILD_AND_LIST) with one disk
    cache: `first`, `again` (from the filled cache), and `edited` once an abstract with a formula is edited ("Some
    edited text"): the modules each imported, the PDFs at `pdf(name)`, and `off`, the bytes of the unedited folder
    built without the cache. Made once a module: three processes for the three tests below, not seven."""
    from types import SimpleNamespace

    root = tmp_path_factory.mktemp("filled-cache")
    folder = _illustrated(root / "conf")
    _edit(folder, "abstract: More text.", "abstract: About $\\alpha \\sim \\beta$.")
    with open(folder / "conference.yaml", "a", encoding="utf-8") as file:
        file.write("qr_codes:\n  - {text: 'https://example.org/programme', caption: Programme}\n")
    (folder / "posters.yaml").write_text(BASE["posters.yaml"].replace("author: Zoe Papadopoulou",
                                                                      "author: Ζωή Παπαδοπούλου"), encoding="utf-8")
    built = SimpleNamespace(pdf=lambda name: root / f"{name}.pdf")
    for name in ("first", "again"):
        setattr(built, name, _built_with_cache(folder, built.pdf(name), root / "cache"))
    with pytest.MonkeyPatch.context() as patch:
        built.off = _new_process_build(patch, folder, root / "off.pdf", "off")
    _edit(folder, "Some text with", "Some edited text with")
    built.edited = _built_with_cache(folder, built.pdf("edited"), root / "cache")
    return built


def test_a_build_from_a_filled_cache_does_not_import_pyyaml(filled_cache_builds):
    """Its data files come from the disk cache, and its words too (the label table, kept by the file's identity):
    nothing is parsed, so PyYAML is not imported; after an edit it is, and the edit is in the PDF."""
    built = filled_cache_builds
    assert "yaml" in built.first  # the first build parses
    assert "yaml" not in built.again and "booklet.data.load" in built.again
    assert "yaml" in built.edited and Pdf(built.pdf("edited")).pages_with("Some edited text with")


def test_a_build_from_a_filled_cache_does_not_load_babel(filled_cache_builds):
    """The index's script names ("Π Greek"), its dates and the language's script for its quotation marks are kept with
    the layouts (persisted.fact): a build from a filled cache neither imports babel nor loads its locale data
    (0.015-0.02 s of every build, when the index named a script: the sample's does)."""
    built = filled_cache_builds

    def babel(modules: list[str]) -> list[str]:
        return [m for m in modules if m.split(".")[0] == "babel"]

    assert "babel.dates" in babel(built.first)  # the first build asks CLDR
    assert babel(built.again) == []
    pdf = Pdf(built.pdf("again"))
    assert pdf.pages_with("Π Greek") and pdf.pages_with("Monday 13 September")


def test_math_symbols_and_qr_codes_read_before_are_drawn_without_pylatexenc_or_barcode_modules(filled_cache_builds):
    """The Unicode of math macros (\\sim) comes from pylatexenc's tables, kept on disk by its version
    (mathtext.latex_symbols), and a QR code's modules from ReportLab's encoder, kept as plain values
    (extras.qr_modules): the next build imports neither pylatexenc nor ReportLab's barcodes, and gives the same
    PDF. The build after an edit of the abstract that holds the formula lays it out again (the layouts kept serve
    `again` without any symbol): its symbols too come from the disk, not from pylatexenc's tables."""
    built = filled_cache_builds
    for modules, first in ((built.first, True), (built.again, False), (built.edited, False)):
        assert ("pylatexenc.latex2text" in modules) == first
        assert ("reportlab.graphics.barcode" in modules) == first
    pdf = Pdf(built.pdf("again"))
    assert pdf.pages_with("\u223c") and pdf.pages_with("Programme")  # \\sim, as pylatexenc gives it; the code
    assert [built.pdf(name).read_bytes() for name in ("first", "again")] == [built.off] * 2


def test_patterns_joined_from_sets_are_the_same_in_every_process():
    """The patterns made by joining a set's words (placeholder names and texts, siunitx's commands) are the same
    whatever the process's hash seed, so that cache.patterns keeps them compiled: they were compiled anew by every
    build (about 3 ms, the placeholders' IGNORECASE patterns)."""
    show = ("from booklet.data import contract; from booklet.text import siunitx; "
            "print(contract._PLACEHOLDER_NAME.pattern, contract._PLACEHOLDER_TEXT.pattern, siunitx.COMMAND.pattern)")
    made = {subprocess.run([sys.executable, "-c", show], capture_output=True, text=True, cwd=ROOT, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(made) == 1 and "|tablenum|" in next(iter(made))


def test_the_cache_never_changes_the_pdf_and_a_damaged_cache_is_ignored(tmp_path, monkeypatch, illustrated_off):
    folder = _illustrated(tmp_path / "conf")
    cache = tmp_path / "cache"
    _build(folder, tmp_path / "filling.pdf", str(cache))  # nothing cached yet: everything made and kept
    kept = _entries(cache)
    assert {name.split("/")[0] for name in kept} == {"fonts", "hyphenation", "images", "persisted",
                                                   "xobjects", "patterns", "generated", "subsets", "built", "digests",
                                                   "labels", "read", "linted"}
    _build(folder, tmp_path / "cached.pdf", str(cache))
    note = [name for name in kept if name.startswith("built/")]
    assert len(note) == 1 and pickle.loads((cache / note[0]).read_bytes()).output == str(tmp_path / "cached.pdf")
    # every value read from the cache (a miss would have written it again); only the note of the last build
    # (booklet.cache.built), which names its PDF, is new, and the hashes of the data's images once they are
    # RACY seconds old (disk.kept_hash: until then each process hashes them)
    after = _entries(cache)
    assert {k: v for k, v in after.items() if k in kept and k not in note} == \
           {k: v for k, v in kept.items() if k not in note}
    assert all(name.startswith("digests/") for name in set(after) - set(kept))
    kept = after
    for number, name in enumerate(kept):  # damaged in every way: garbage, cut short, or another type of value
        path = cache / name
        damaged = [b"not a pickle", path.read_bytes()[: path.stat().st_size // 2], pickle.dumps(("x", 1))][number % 3]
        path.write_bytes(damaged)
    _build(folder, tmp_path / "damaged.pdf", str(cache))
    pdf = illustrated_off()  # (the folder as _illustrated writes it, built without the cache)
    for name in ("filling", "cached", "damaged"):
        assert (tmp_path / f"{name}.pdf").read_bytes() == pdf, name
    now = set(_entries(cache))
    assert set(kept) <= now and all(name.startswith("digests/") for name in now - set(kept))
    # each damaged entry made again; but a file's hash (digests/), which disk.kept_hash keeps only while the file's
    # change time is RACY seconds old and unchanged as it is read, may be left as it was on a slow or loaded machine
    for name in kept:
        if not name.startswith("digests/"):
            assert pickle.loads((cache / name).read_bytes()) != ("x", 1), name


def _persisted(cache: Path) -> list[Path]:
    return sorted((cache / "persisted").glob("*.pickle"))


def _edit(folder: Path, old: str, new: str) -> None:
    abstracts = folder / "abstracts.yaml"
    text = abstracts.read_text(encoding="utf-8")
    assert old in text
    abstracts.write_text(text.replace(old, new), encoding="utf-8")


def test_the_next_process_starts_with_the_layouts_and_follows_an_edit(tmp_path, monkeypatch):
    """A build keeps its paragraphs' layouts and its data files on disk (booklet.cache.persisted); the next
    process, after an abstract's text changed, gives the PDF of a build without any cache, byte for byte, and
    so does one after its kept files were damaged."""
    folder = _illustrated(tmp_path / "conf")
    # math boxes, after the edited text, drawn anew (the edit's new glyphs give later characters new codes)
    _edit(folder, "abstract: More text.", "abstract: Þórr's $\\sigma_8$ and $x_i^2$.")
    cache = tmp_path / "cache"
    _build(folder, tmp_path / "first.pdf", str(cache))
    kept = _persisted(cache)
    assert len(kept) == 4  # the layouts (with the math boxes they name), the data files, the compressed streams,
    # the facts (names sorted, dates written)
    apart = sorted((cache / "persisted").glob("*.apart"))  # the layouts' seldom-read values, kept apart
    assert len(apart) == 1
    _edit(folder, "hyphenated electroencephalographically", "set anew, façade électroencephalographically")
    _build(folder, tmp_path / "edited.pdf", str(cache))  # starts warm, from what the first build kept
    cold = _new_process_build(monkeypatch, folder, tmp_path / "none.pdf", "off")
    assert (tmp_path / "edited.pdf").read_bytes() == cold
    assert Pdf(tmp_path / "edited.pdf").pages_with("set anew, façade électroencephalographically")
    now = sorted((cache / "persisted").glob("*.apart"))  # written anew under another name, the old one removed
    assert len(now) == 1 and now != apart
    whole = now[0].read_bytes()
    now[0].write_bytes(whole[:-1] + b"!")  # its last byte changed: the layouts are not used, but made and kept anew
    _build(folder, tmp_path / "apart.pdf", str(cache))
    assert (tmp_path / "apart.pdf").read_bytes() == cold
    (again,) = (cache / "persisted").glob("*.apart")  # the damaged file replaced by a whole one
    assert again.read_bytes() != whole[:-1] + b"!" and again.stem.endswith("-" + digest(again.read_bytes()))
    for number, path in enumerate(_persisted(cache)):  # cut short; one byte changed inside
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] if number % 2 else data[:-40] + bytes([data[-40] ^ 1]) + data[-39:])
    _build(folder, tmp_path / "damaged.pdf", str(cache))
    assert (tmp_path / "damaged.pdf").read_bytes() == cold


# a program that imports booklet's build before the command line's own imports (which seed re's and dataclasses' caches
# first), then runs a command
BUILD_FIRST = "import sys, booklet.build; from booklet.cli import main; main(sys.argv[1:], prog_name='booklet')"
# a library user's program (README: build_booklet), as `booklet build DATA -o PDF --jobs 1` builds
LIBRARY = """import sys; from pathlib import Path; from booklet.build import build_booklet
result = build_booklet(Path(sys.argv[2]), Path(sys.argv[4]))
print(f"Wrote {result.output} ({result.pages} pages)")"""


def test_the_layouts_kept_by_one_entry_are_the_layouts_of_the_other(tmp_path):
    """`booklet build`, then a program that imports booklet.build before the command line does, then `booklet build`
    again, then a library user's build, on one cache folder: each process lays out from what the one before kept, so
    none writes the kept files again, and the PDF is the same. (Each process runs this repository's booklet, from its folder: a script run from
    elsewhere imports the booklet installed, whose code is another stamp, and whose kept files replace these.)"""
    from booklet.cache import persisted

    folder = _illustrated(tmp_path / "conf")
    cache = tmp_path / "cache"
    env = {**os.environ, "BOOKLET_CACHE": str(cache)}

    def build(output: Path, *entry: str) -> dict:
        done = subprocess.run([sys.executable, *entry, "build", str(folder), "-o", str(output), "--jobs", "1"],
                              env=env, capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(f"Wrote {output} (")
        return {path.name: (path.stat().st_ino, path.stat().st_mtime_ns)
                for path in sorted((cache / "persisted").iterdir())}

    kept = build(tmp_path / "first.pdf", "-m", "booklet")
    layouts = disk._path(persisted.KIND, persisted._name(folder.resolve(), "layouts")).name
    assert layouts in kept and len(kept) == 5  # the layouts, their values kept apart, files, streams, facts
    assert build(tmp_path / "second.pdf", "-c", BUILD_FIRST) == kept  # nothing made anew: nothing written again
    assert build(tmp_path / "third.pdf", "-m", "booklet") == kept
    assert build(tmp_path / "fourth.pdf", "-c", LIBRARY) == kept
    first = (tmp_path / "first.pdf").read_bytes()
    assert all((tmp_path / f"{name}.pdf").read_bytes() == first for name in ("second", "third", "fourth"))


def test_kept_layouts_are_used_and_never_outlive_what_they_were_made_with(tmp_path, monkeypatch):
    """In a new cache, a build of the data it kept the layouts of lays out nothing anew; the layouts are
    ignored when made by other code (another stamp), or with a font file that has changed since under the
    same name: the PDF is the one a build without the cache gives."""
    from booklet.build import build_booklet
    from booklet.cache import persisted
    from booklet.text.fonts import DEFAULT, FONT_DIR, use_fonts

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = write_conference(tmp_path / "conf", {"theme.yaml": "fonts: {text: fonts/Text.ttf}\n"})
    (folder / "fonts").mkdir()
    (folder / "fonts/Text.ttf").write_bytes((FONT_DIR / "GentiumBookPlus-Regular.ttf").read_bytes())
    try:
        build_booklet(folder, tmp_path / "first.pdf")
        again = persisted.PersistedCache(folder)
        build_booklet(folder, tmp_path / "again.pdf", cache=again)
        assert again.size("layouts") > 0 and not again.made.get("layouts")  # every paragraph as kept
        assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "first.pdf").read_bytes()

        monkeypatch.setattr(persisted, "stamp", lambda: "another version")
        other = persisted.PersistedCache(folder)
        other.number("x")  # the layouts looked for
        assert other.size("layouts") == 0
        monkeypatch.undo()
        monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))

        # a book whose layouts are too big to keep: noted, and its next builds make nothing for keeping
        monkeypatch.setattr(persisted, "LIMIT", 1000)
        for path in _persisted(tmp_path / "cache"):
            path.unlink()
        build_booklet(folder, tmp_path / "big.pdf")
        big = persisted.PersistedCache(folder)
        big.laying_out(1)
        assert not big.warm and big.size("layouts") == 0
        build_booklet(folder, tmp_path / "big.pdf", cache=big)
        assert (tmp_path / "big.pdf").read_bytes() == (tmp_path / "first.pdf").read_bytes()
        parallel = persisted.PersistedCache(folder)
        parallel.laying_out(2)  # in parts, each process keeps its own layouts (tests/test_jobs.py)
        assert parallel.warm and parallel.size("layouts") == 0
        monkeypatch.setattr(persisted, "LIMIT", 2**30)

        # another font under the same name (a process reads a font file once: a new one is fresh)
        (folder / "fonts/Text.ttf").write_bytes((FONT_DIR / "NotoSans-Regular.ttf").read_bytes())
        changed = persisted.PersistedCache(folder)
        changed.number("x")
        assert changed.size("layouts") == 0
    finally:
        use_fonts(DEFAULT)


def test_a_build_from_the_disk_cache_converts_only_the_texts_that_changed(tmp_path, monkeypatch):
    """Each text's markup is kept with the layouts (text.markup._inline): a build from them converts no text, one
    after an edit converts the edited paragraph alone, and math again when pylatexenc's files are other ones; each
    PDF is the one a build without the cache gives. (A new process registers the fallback font a kept markup names:
    test_the_next_process_starts_with_the_layouts_and_follows_an_edit builds math from the disk cache.)"""
    from booklet.build import build_booklet
    from booklet.cache import BuildCache, persisted
    from booklet.text import markup

    folder = _illustrated(tmp_path / "conf")
    converted: list[str] = []
    convert = markup._converted
    monkeypatch.setattr(markup, "_converted", lambda text: converted.append(text) or convert(text))

    def build(name: str, cache) -> list[str]:
        markup._inline.cache_clear()  # as in a new process
        converted.clear()
        build_booklet(folder, tmp_path / name, cache=cache)
        return sorted(converted)

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(persisted, "FEW", 2**30)  # what a build made is written, however little
    first = build("first.pdf", persisted.PersistedCache(folder))
    assert len(first) > 20 and any("$" in text for text in first)
    assert build("again.pdf", persisted.PersistedCache(folder)) == []
    _edit(folder, "abstract: More text.", "abstract: Other words.")
    assert build("edited.pdf", persisted.PersistedCache(folder)) == ["Other words."]
    files = persisted.library_files
    monkeypatch.setattr(persisted, "library_files", lambda name: "another" if name == "pylatexenc" else files(name))
    assert build("latex.pdf", persisted.PersistedCache(folder)) == sorted(text for text in first if "$" in text)
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    assert len(build("off.pdf", BuildCache(warm=False))) >= len(first)
    for name, compared in (("first.pdf", "again.pdf"), ("off.pdf", "edited.pdf"), ("off.pdf", "latex.pdf")):
        assert (tmp_path / name).read_bytes() == (tmp_path / compared).read_bytes(), (name, compared)
    assert (tmp_path / "first.pdf").read_bytes() != (tmp_path / "off.pdf").read_bytes()  # the edit shows


def test_a_small_edit_leaves_the_layouts_file_as_it_was_until_enough_is_new(tmp_path, monkeypatch):
    """A build that made fewer than one in FEW of the layouts and compressed streams it used (one abstract's
    edit) leaves their files as they were; the next build makes those few again, and the file is written once
    enough is new. Every PDF is the one a build without the cache gives. (FEW 16: the illustrated conference's
    edit makes 4 of the 241 layouts it uses, 1 of the 36 streams.)"""
    from booklet.build import build_booklet
    from booklet.cache import BuildCache, persisted

    folder = _illustrated(tmp_path / "conf")
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(persisted, "FEW", 16)
    files = [disk._path(persisted.KIND, persisted._name(folder.resolve(), section))
             for section in ("layouts", "streams")]

    def build(name: str) -> persisted.PersistedCache:
        cache = persisted.PersistedCache(folder)
        build_booklet(folder, tmp_path / name, cache=cache, jobs=1)
        return cache

    def written() -> list:
        return [(path.stat().st_ino, path.stat().st_mtime_ns) for path in files]

    def cold(name: str) -> bytes:
        monkeypatch.setenv("BOOKLET_CACHE", "off")
        build_booklet(folder, tmp_path / name, cache=BuildCache(warm=False), jobs=1)
        monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
        return (tmp_path / name).read_bytes()

    build("first.pdf")
    before = written()
    _edit(folder, "abstract: More text.", "abstract: Other words.")
    edited = build("edited.pdf")
    made, used = edited.made["layouts"], len(edited._used["layouts"])
    assert 0 < made * persisted.FEW < used and written() == before  # the few new ones not written
    assert (tmp_path / "edited.pdf").read_bytes() == cold("cold.pdf") != (tmp_path / "first.pdf").read_bytes()
    again = build("again.pdf")  # the same few made again, nothing written
    assert 0 < again.made["layouts"] <= made and written() == before
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "cold.pdf").read_bytes()
    monkeypatch.setattr(persisted, "FEW", used)  # now enough: written, and the next build makes nothing
    build("written.pdf")
    assert written()[0] != before[0]
    assert "layouts" not in build("kept.pdf").made
    assert (tmp_path / "kept.pdf").read_bytes() == (tmp_path / "cold.pdf").read_bytes()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_kept_running_head_with_a_fallback_font_s_character_is_replayed_in_a_new_process(tmp_path, monkeypatch,
                                                                                            jobs):
    """A page's decoration kept on disk draws a short title whose symbol only a fallback font has (Noto Sans
    Math's): a new process replaying it registers that font first (it makes the title's markup), and gives the
    PDF of a build without the cache, every time. (The first build, which fills the disk cache, is made in this
    process, as `booklet build` makes it: the two after it, which replay, are new processes.)"""
    from booklet.build import build_booklet

    folder = write_conference(tmp_path / "conf", {
        "conference.yaml": BASE["conference.yaml"].replace("short_title: TC2027", "short_title: TC \u222e 2027")})
    assert "\u222e" in (folder / "conference.yaml").read_text(encoding="utf-8")

    def build(name: str, cache: str) -> bytes:
        env = {**os.environ, "BOOKLET_CACHE": cache}
        done = subprocess.run([sys.executable, "-m", "booklet", "build", str(folder), "-o", str(tmp_path / name),
                               "--jobs", jobs], env=env, capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        return (tmp_path / name).read_bytes()

    cold = _new_process_build(monkeypatch, folder, tmp_path / "cold.pdf", "off", int(jobs))
    assert "TC \u222e 2027" in " ".join(Pdf(tmp_path / "cold.pdf").texts)
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    build_booklet(folder, tmp_path / "first.pdf", jobs=int(jobs))
    assert (tmp_path / "first.pdf").read_bytes() == cold
    assert list((tmp_path / "cache" / "persisted").glob("*.pickle"))  # (the layouts: what the next builds replay)
    for name in ("again.pdf", "third.pdf"):
        assert build(name, str(tmp_path / "cache")) == cold, name


def test_a_pdf_page_read_before_is_placed_without_pypdf_and_the_same(tmp_path, monkeypatch):
    """A one-page PDF given as an extra page: what a build needs of it is kept on disk by its bytes' hash
    (booklet.layout.pdfpage), so the next build neither imports pypdf nor changes a byte of the PDF; an
    edited file is read anew."""
    from .helpers import extend
    from .test_extras import form_pdf, pdf_bytes

    folder = write_conference(tmp_path / "conf", {
        "conference.yaml": extend("conference.yaml", "extra_pages:\n  - {file: images/map.pdf}\n")})
    (folder / "images").mkdir()
    (folder / "images/map.pdf").write_bytes(form_pdf())  # indirect objects, streams, a flattened form field
    cache = tmp_path / "cache"

    def build(name: str, cache: str) -> tuple[bytes, list[str]]:
        done = subprocess.run([sys.executable, "-c", BUILD_AND_LIST, str(folder), str(tmp_path / name)],
                              capture_output=True, text=True, cwd=ROOT, env={**os.environ, "BOOKLET_CACHE": cache})
        report = json.loads(done.stdout.splitlines()[-1])
        assert report["code"] in (0, None), done.stderr
        return (tmp_path / name).read_bytes(), report["modules"]

    none = _new_process_build(monkeypatch, folder, tmp_path / "none.pdf", "off")
    first, modules = build("first.pdf", str(cache))
    assert "pypdf" in modules and first == none
    again, modules = build("again.pdf", str(cache))
    assert "pypdf" not in modules and again == none
    (folder / "images/map.pdf").write_bytes(pdf_bytes(words="Another map"))
    edited, modules = build("edited.pdf", str(cache))
    edited_none = _new_process_build(monkeypatch, folder, tmp_path / "edited-none.pdf", "off")
    assert "pypdf" in modules and edited == edited_none and edited != none


CHECK_AND_LIST = """
import json, sys
sys.argv = ["booklet", "check", sys.argv[1]]
from booklet.cli import main
try:
    main(prog_name="booklet")
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


@pytest.fixture(scope="module")
def extra_pages_checked(tmp_path_factory):
    """A conference of three extra pages, each with a fact kept to warn of (fonts.pdf: text in the standard Helvetica,
    not embedded; lines.pdf: a line too thin to print; blank.pdf: a page that prints nothing), checked by `booklet
    check` in a new process with a disk cache of its own: first, again, and once lines.pdf and blank.pdf are edited
    (a line thick enough; a map in words): {"first" | "again" | "edited": (its output, the modules it imported)}. Made
    once a module: three processes for the three tests below, each page's facts kept and read apart by its hash."""
    from .test_extras import _lines, drawn_pdf, pdf_bytes

    tmp_path = tmp_path_factory.mktemp("extra-pages-checked")
    folder, check = _extra_page_checker(tmp_path, {"fonts.pdf": pdf_bytes(), "lines.pdf": drawn_pdf(_lines(0.1)),
                                                   "blank.pdf": drawn_pdf(lambda canvas: None)})
    checked = {"first": check(), "again": check()}
    (folder / "images/lines.pdf").write_bytes(drawn_pdf(_lines(0.5)))
    (folder / "images/blank.pdf").write_bytes(pdf_bytes(words="A map at last"))
    checked["edited"] = check()
    return checked


def test_the_fonts_a_pdf_page_read_before_leaves_out_are_warned_about_without_pypdf(extra_pages_checked):
    """The names of the fonts an extra page's PDF does not embed are kept with its other facts: the next check (and
    build) warns of them as the first did, without importing pypdf."""
    warning = "fonts.pdf prints text in Helvetica without embedding it"
    first, modules = extra_pages_checked["first"]
    assert warning in first and "pypdf" in modules
    again, modules = extra_pages_checked["again"]
    assert warning in again and "pypdf" not in modules


def test_the_thinnest_line_of_a_pdf_page_read_before_is_warned_about_without_pypdf(extra_pages_checked):
    """The width of an extra page's PDF's thinnest line is kept with its other facts: the next check warns of lines
    too thin to print as the first did, without importing pypdf; an edited file is judged anew."""
    warning = "lines.pdf draws lines of 0.16 pt as the page prints"
    first, modules = extra_pages_checked["first"]
    assert warning in first and "pypdf" in modules
    again, modules = extra_pages_checked["again"]
    assert warning in again and "pypdf" not in modules
    edited, modules = extra_pages_checked["edited"]
    assert "draws lines" not in edited and "pypdf" in modules


def test_a_pdf_page_read_before_that_prints_nothing_is_warned_about_without_pypdf_or_pdfium(extra_pages_checked):
    """Whether an extra page's PDF prints anything (PDFium renders it once) is kept with its other facts: the next
    check warns of a blank page as the first did, importing neither pypdf nor pypdfium2; an edited file is judged
    anew."""
    warning = "blank.pdf: its page prints nothing"
    first, modules = extra_pages_checked["first"]
    assert warning in first and "pypdf" in modules and "pypdfium2" in modules
    again, modules = extra_pages_checked["again"]
    assert warning in again and "pypdf" not in modules and "pypdfium2" not in modules
    edited, modules = extra_pages_checked["edited"]
    assert warning not in edited and "pypdf" in modules


def _extra_page_checker(tmp_path, pdfs: dict[str, bytes]):
    """A conference whose extra pages are `pdfs` (name -> bytes, in images/): its folder, and a function that runs
    `booklet check` on it in a new process with a disk cache of its own, giving (its output, the modules it
    imported)."""
    from .helpers import extend

    pages = "".join(f"  - {{file: images/{name}}}\n" for name in pdfs)
    folder = write_conference(tmp_path / "conf", {
        "conference.yaml": extend("conference.yaml", f"extra_pages:\n{pages}")})
    (folder / "images").mkdir()
    for name, pdf in pdfs.items():
        (folder / "images" / name).write_bytes(pdf)
    env = {**os.environ, "BOOKLET_CACHE": str(tmp_path / "cache")}

    def check() -> tuple[str, list[str]]:
        done = subprocess.run([sys.executable, "-c", CHECK_AND_LIST, str(folder)], capture_output=True, text=True,
                              cwd=ROOT, env=env)
        report = json.loads(done.stdout.splitlines()[-1])
        assert report["code"] in (0, None), done.stderr
        return done.stdout + done.stderr, report["modules"]

    return folder, check


def test_the_cache_is_never_in_the_way(tmp_path, monkeypatch):
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    disk.store("things", "a", {"x": 1})
    assert disk.load("things", "a", dict) == {"x": 1}
    assert disk.load("things", "a", list) is None  # not what the caller expects
    assert disk.load("things", "missing") is None
    (tmp_path / "cache" / "things" / "b.pickle").write_bytes(b"\x80\x05garbage")
    assert disk.load("things", "b") is None
    (tmp_path / "blocked").write_text("a file where the folder should be")
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "blocked"))
    disk.store("things", "a", {"x": 1})  # cannot be written: no cache, no error
    assert disk.load("things", "a") is None
    disk.store("things", "c", lambda: 1)  # cannot be pickled: the same
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    assert disk.folder() is None and disk.load("things", "a") is None
    assert disk.key("a", 1, b"x") != disk.key("a", 1, b"y") and disk.key("a", (1, 2)) == disk.key("a", (1, 2))


def test_the_compressed_streams_are_kept_by_the_hash_of_their_text_in_memory_too(tmp_path, monkeypatch,
                                                                                  sample_first):
    """A build whose cache is kept on disk keeps each compressed stream (a page's, a form's) by the hash of the text
    compressed, in memory as on disk: the text is let go once compressed. The next process finds every one of them
    and compresses nothing anew; the PDF is the same bytes. (The first build: sample_first's.)"""
    from booklet.build import build_booklet
    from booklet.cache import digest, persisted

    folder = _from_sample_first(sample_first, tmp_path, monkeypatch)
    streams = sample_first.first._sections["streams"]
    assert len(streams) > 50 and {len(key) for key in streams} == {len(digest(b""))}
    assert all(isinstance(made, bytes) for made in streams.values())
    again = persisted.PersistedCache(folder)
    build_booklet(folder, tmp_path / "again.pdf", cache=again, jobs=1)
    assert "streams" not in again.made and again._sections["streams"].items() <= streams.items()
    assert (tmp_path / "again.pdf").read_bytes() == sample_first.pdf


def test_a_layouts_file_whose_end_is_damaged_or_of_another_layout_is_ignored(tmp_path, monkeypatch):
    """A section's file is its payload, its header, then the header's length (persisted._kept_file): bytes added at
    its end, a length that lies, an empty file, one cut before its length, and one of the layout before (the whole
    tuple pickled, the payload inside) are each ignored, never an error; a build then lays out anew and writes the
    file whole again, which the next build reads; each PDF is the same bytes."""
    from booklet.build import build_booklet
    from booklet.cache import persisted

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = _illustrated(tmp_path / "conf")
    build_booklet(folder, tmp_path / "first.pdf", cache=persisted.PersistedCache(folder), jobs=1)
    path = disk._path(persisted.KIND, persisted._name(folder.resolve(), "layouts"))
    whole = path.read_bytes()
    kept = persisted.PersistedCache(folder)._kept_file("layouts")
    assert kept is not None and kept[3].nbytes > 0
    length = int.from_bytes(whole[-8:], "big")
    header = pickle.loads(whole[-8 - length:-8])
    old_layout = pickle.dumps((*header[:3], bytes(kept[3]), *header[4:]))
    for damaged in (whole + b"\0", whole + whole[-8:], whole[:-8] + (length + 1).to_bytes(8, "big"),
                    whole[:-8] + (len(whole)).to_bytes(8, "big"), b"", whole[:-8], whole[:7], old_layout):
        path.write_bytes(damaged)
        assert persisted.PersistedCache(folder)._kept_file("layouts") is None
    again = persisted.PersistedCache(folder)
    build_booklet(folder, tmp_path / "again.pdf", cache=again, jobs=1)
    assert again.made.get("layouts", 0) > 0 and persisted.PersistedCache(folder)._kept_file("layouts") is not None
    third = persisted.PersistedCache(folder)
    build_booklet(folder, tmp_path / "third.pdf", cache=third, jobs=1)
    assert "layouts" not in third.made
    first = (tmp_path / "first.pdf").read_bytes()
    assert (tmp_path / "again.pdf").read_bytes() == first == (tmp_path / "third.pdf").read_bytes()


@pytest.mark.parametrize("stop", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_a_layouts_file_stopped_while_it_is_pickled_leaves_nothing(tmp_path, monkeypatch, stop, sample_first):
    """A layouts file is pickled straight into temporary files: a full disk partway (no file kept, no error), or an
    interrupt (Ctrl-C reaches a build's workers too: it goes on), leaves neither of them behind, and the files kept
    before as they were. (The build's cache: sample_first's, writing into a copy of the files it kept.)"""
    from booklet.cache import persisted

    _from_sample_first(sample_first, tmp_path, monkeypatch)
    cache = sample_first.first
    kept = tmp_path / "cache" / "persisted"
    before = {path.name: path.read_bytes() for path in kept.iterdir()}
    write, calls = persisted._Out.write, []

    def stopping(self, data):
        calls.append(len(data))
        if len(calls) == 3:
            raise stop
        write(self, data)

    monkeypatch.setattr(persisted._Out, "write", stopping)
    values = cache._sections["layouts"]
    if isinstance(stop, OSError):
        assert cache._write_beside("layouts", "layouts", values, cache._numbers) is None
    else:
        with pytest.raises(KeyboardInterrupt):
            cache._write_beside("layouts", "layouts", values, cache._numbers)
    assert len(calls) == 3 and {path.name: path.read_bytes() for path in kept.iterdir()} == before


def test_a_value_read_during_a_build_freezes_nothing_of_the_build(tmp_path, monkeypatch):
    """What disk.load reads with `lasts` (read before the build's own objects exist) is moved out of the garbage
    collector's way with everything alive then (gc.freeze); a miss moves nothing, nor does a value read with lasts
    False (an image, the hyphenation patterns: read while the build's objects are alive, which, frozen with it, would
    never be collected once garbage in a cycle: a worker's part's PDF objects were seen alive after its save)."""
    import gc

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    disk.store("things", "a", ({"x": 1}, 2))
    gc.unfreeze()
    try:
        assert disk.load("things", "missing") is None and gc.get_freeze_count() == 0
        assert disk.load("things", "a", tuple, lasts=False) == ({"x": 1}, 2) and gc.get_freeze_count() == 0
        assert disk.load("things", "a", tuple) == ({"x": 1}, 2) and gc.get_freeze_count() > 0
        gc.unfreeze()
        (tmp_path / "file").write_text("hashed")  # a file's hash, kept by its identity, read as an image's is
        old = tmp_path / "file"
        os.utime(old, ns=(0, 0))
        before = os.stat(old)
        monkeypatch.setattr(disk, "RACY", -10**18)  # (its change time is recent: kept all the same)
        assert disk.kept_hash("file", old, before, lambda: "made") == "made"
        assert disk.kept_hash("file", old, before, lambda: "again") == "made" and gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def test_the_lazy_collation_table_finds_what_pyuca_finds():
    import random

    from pyuca import Collator
    from pyuca import collator as module

    from booklet.text.names import _collator, _LazyTable

    collator = Collator()
    lazy = _collator()
    assert isinstance(lazy.table, _LazyTable) and lazy.implicit_weights == collator.implicit_weights
    words = ["Åström", "Øvergaard", "Łoś", "van der Smagt", "Ἀριστοτέλης", "Достоевский", "ǅ", "L·l", "ŀl", "Ijssel",
             "a\u0301\u0323", "a\u0323\u0301", "Ω\u0345", "\u0e40\u0e01", "한국어", "中文", "𝔼x", "ﬁn", "e\u0308\u0304",
             "각", "", "-", "9½"]
    # every key of the table, and each with a combining mark after it (the contractions' and non-starters' paths)
    keys = set()
    for line in module.__loader__.get_data(str(Path(module.__file__).with_name(
            f"allkeys-{Collator.UCA_VERSION}.txt"))).decode().splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line and line[0] not in "@" and ";" in line:
            keys.add("".join(chr(int(code, 16)) for code in line.split(";", 1)[0].split()))
    generator = random.Random(15)
    pool = sorted(keys)
    words += pool + [key + "\u0301" for key in pool[::7]]
    words += ["".join(generator.choice(pool) for _ in range(generator.randint(2, 5))) for _ in range(3000)]
    for word in words:
        assert lazy.sort_key(word) == collator.sort_key(word), word
        key = [ord(c) for c in word]
        (head, value, rest), (head2, value2, rest2) = lazy.table.find_prefix(key), collator.table.find_prefix(key)
        assert (head, rest, value and [list(e) for e in value]) == (head2, rest2, value2)


def test_cached_hyphenation_patterns_hyphenate_as_pyphen_does(tmp_path, monkeypatch):
    import pyphen

    from booklet.layout.styles import _load_patterns

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(pyphen, "hdcache", {})
    path = pyphen.LANGUAGES["ca"]  # Catalan: patterns with a nonstandard hyphenation ("l·l" -> "l-l")
    _load_patterns(pyphen, path)  # read when first asked for: parsed and kept
    parsed = pyphen.hdcache.pop(path)
    assert "patterns" not in vars(parsed) and parsed.maxlen > 0 and "patterns" in vars(parsed)
    _load_patterns(pyphen, path)  # from the cache
    cached = pyphen.hdcache[path]
    assert cached is not parsed and cached.patterns == parsed.patterns and cached.maxlen == parsed.maxlen
    words = ["paral·lel", "col·lecció", "intel·ligent", "Barcelona", "electroencefalografia"]
    found = [[(p, p.data) for p in cached.positions(w)] for w in words]
    assert found == [[(p, p.data) for p in parsed.positions(w)] for w in words]
    assert ("=", -1, 1) in [data for positions in found for _, data in positions]


def test_a_qr_code_is_checked_without_choosing_its_mask():
    assert qr_problem("x" * QR_MAX_BYTES) is None
    assert qr_problem("é" * (QR_MAX_BYTES // 2)) is None
    assert qr_problem("x" * (QR_MAX_BYTES + 1)).startswith(f"too long for a QR code: {QR_MAX_BYTES + 1} bytes")
    assert qr_problem("1" * 4000) is None  # digits are denser than bytes


def test_an_image_is_named_and_embedded_from_the_disk_cache_and_follows_an_edit(tmp_path, monkeypatch,
                                                                                 illustrated_off):
    """What ReportLab makes of an image to draw it (its name, a hash of its decoded pixels, and its compressed
    XObject) is kept on disk by the image's bytes: a new process draws the cover, logo and photo without making
    them again; an image changed under the same name, or a damaged entry, is made anew; the PDF is always the PDF
    of a build without any cache."""
    from booklet import images

    folder = _illustrated(tmp_path / "conf")

    def build(name: str, cache: str) -> bytes:
        return _new_process_build(monkeypatch, folder, tmp_path / name, cache)

    made = []
    making = images._made_xobject
    monkeypatch.setattr(images, "_made_xobject", lambda *args: made.append(1) or making(*args))
    cache = tmp_path / "cache"
    cold = illustrated_off()  # (the folder as _illustrated writes it, built without the cache)
    made.clear()  # (what a build of illustrated_off made, when this test asked it first)
    assert build("filling.pdf", str(cache)) == cold
    assert len(made) >= 3 and len(list((cache / "xobjects").glob("*.pickle"))) == len(made)
    made.clear()
    assert build("kept.pdf", str(cache)) == cold and made == []  # every image drawn from what was kept
    logo = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    logo.paste((30, 30, 200, 255), (50, 50, 550, 300))
    logo.save(folder / "images/logo.png")
    edited = build("edited.pdf", str(cache))
    assert made and edited == build("edited-off.pdf", "off") and edited != cold
    made.clear()
    for path in (cache / "xobjects").glob("*.pickle"):  # one byte of each kept XObject changed
        kept = pickle.loads(path.read_bytes())
        payload = bytearray(kept[1])
        payload[len(payload) // 2] ^= 1
        path.write_bytes(pickle.dumps((kept[0], bytes(payload))))  # (its checksum, the pickled XObject)
    assert build("damaged.pdf", str(cache)) == edited and made


def test_qr_codes_and_compressed_streams_are_kept_on_disk_and_follow_an_edit(tmp_path, monkeypatch):
    """A build without a cache of its own starts from the QR codes and the compressed PDF streams a build of the
    same folder kept (booklet.cache.persisted): none made again when nothing changed; after a QR code's text
    changed, that code and the streams that changed are made anew; the PDF is always a cold build's."""
    from booklet.build import build_booklet
    from booklet.cache import BuildCache
    from booklet.data import extras
    from booklet.output import serialise

    from .helpers import extend

    folder = write_conference(tmp_path / "conf", {"conference.yaml": extend(
        "conference.yaml", 'qr_codes:\n  - {text: "https://example.org/a", caption: Online}\n')})
    made = {"qr": 0, "streams": 0}

    def counting(what, make):
        return lambda *args, **kwargs: made.__setitem__(what, made[what] + 1) or make(*args, **kwargs)

    monkeypatch.setattr(extras, "_encoded", counting("qr", extras._encoded))
    monkeypatch.setattr(serialise, "_flate", counting("streams", serialise._flate))

    def build(name: str) -> bytes:
        monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
        build_booklet(folder, tmp_path / name)  # no cache of its own: starts from what the folder's builds kept
        monkeypatch.setenv("BOOKLET_CACHE", "off")
        build_booklet(folder, tmp_path / f"cold-{name}", cache=BuildCache(warm=False))
        assert (tmp_path / name).read_bytes() == (tmp_path / f"cold-{name}").read_bytes()
        return (tmp_path / name).read_bytes()

    first = build("first.pdf")
    made.update(qr=0, streams=0)
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    assert build_booklet(folder, tmp_path / "again.pdf").pages and made == {"qr": 0, "streams": 0}
    assert (tmp_path / "again.pdf").read_bytes() == first
    (folder / "conference.yaml").write_text((folder / "conference.yaml").read_text(encoding="utf-8").replace(
        "https://example.org/a", "https://example.org/another"), encoding="utf-8")
    made.update(qr=0, streams=0)
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    build_booklet(folder, tmp_path / "edited.pdf")
    assert made["qr"] == 2 and 0 < made["streams"]  # the new code checked and made; its page compressed anew
    assert (tmp_path / "edited.pdf").read_bytes() == build("edited-again.pdf") != first


def test_a_font_from_the_disk_cache_is_the_parsed_font_with_its_glyph_tables_unpickled_when_asked(tmp_path,
                                                                                                 monkeypatch):
    from booklet.text import fonts

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    path = fonts.BUNDLED["Noto Sans"].bold
    data = path.read_bytes()
    parsed = fonts._parsed("Probe", path, data, "d1")  # nothing kept yet: parsed, and kept
    [entry] = (tmp_path / "cache" / "fonts").glob("*.pickle")
    kept = fonts._parsed("Probe", path, data, "d1")
    assert fonts._APART == ("glyphToChar", "hmetrics", "glyphPos")
    assert kept is not parsed and not set(fonts._APART) & set(vars(kept.face))  # none unpickled yet
    assert kept.stringWidth("Glyph table", 10) == parsed.stringWidth("Glyph table", 10)  # (asks none of them)
    assert kept.face.glyphToChar == parsed.face.glyphToChar and "glyphToChar" in vars(kept.face)
    assert "hmetrics" not in vars(kept.face) and "glyphPos" not in vars(kept.face)  # each unpickled on its own
    assert kept.face.hmetrics == parsed.face.hmetrics and kept.face.glyphPos == parsed.face.glyphPos
    assert vars(kept.face).keys() == vars(parsed.face).keys()  # the tables kept apart gone once all are asked for
    for name, value in vars(parsed.face).items():
        if name != "_pdfScale":
            assert getattr(kept.face, name) == value, name
    assert vars(kept).keys() == vars(parsed).keys() and vars(kept.encoding) == vars(parsed.encoding)
    for name, value in vars(parsed).items():
        if name not in ("face", "state", "encoding"):
            assert getattr(kept, name) == value, name
    assert kept.stringWidth("Glyph table", 10) == parsed.stringWidth("Glyph table", 10)
    with pytest.raises(AttributeError):
        kept.face.no_such_attribute  # noqa: B018
    # an entry of another shape (the tables inside the face's attributes, or some of them not kept apart) is not
    # taken for one: parsed again
    font_state, face_state = pickle.loads(entry.read_bytes())
    for apart in ({}, {k: v for k, v in face_state[fonts._KEPT_APART].items() if k != "glyphPos"}):
        entry.write_bytes(pickle.dumps((font_state, {**{k: v for k, v in face_state.items()
                                                        if k != fonts._KEPT_APART}, "glyphToChar": {},
                                                     **({fonts._KEPT_APART: apart} if apart else {})})))
        again = fonts._parsed("Probe", path, data, "d1")
        assert again.face.glyphToChar == parsed.face.glyphToChar and type(again.face) is type(parsed.face)


def test_a_file_s_hash_is_kept_by_its_identity_and_never_for_one_written_in_the_last_seconds(tmp_path, monkeypatch):
    """What a font file or an image is known by (the hash of its bytes: the key of what is made of it) is kept on
    disk, so that a process does not read and hash the same bytes again, under the file's identity: inode, size,
    modification and change times. A file written again (even to the same size, with its old modification time
    put back) has another change time; one written in the last RACY seconds is hashed every time (a second write
    within the same tick of the clock could keep its whole identity)."""
    import hashlib
    import time

    from booklet.cache import BuildCache, digest

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "photo.jpg"
    first, second = b"A" * 1000, b"B" * 1000

    def sha1() -> str:
        return hashlib.sha1(path.read_bytes()).hexdigest()

    def kept_entries() -> int:
        return len(list((tmp_path / "cache" / "digests").glob("*.pickle")))

    path.write_bytes(first)
    assert disk.kept_hash("test", path, os.stat(path), sha1) == hashlib.sha1(first).hexdigest()
    assert kept_entries() == 0  # written just now: not kept
    now = time.time_ns()
    monkeypatch.setattr(disk.time, "time_ns", lambda: now + 2 * disk.RACY)
    assert disk.kept_hash("test", path, os.stat(path), sha1) == hashlib.sha1(first).hexdigest()
    assert kept_entries() == 1
    assert disk.kept_hash("test", path, os.stat(path), lambda: "not asked") == hashlib.sha1(first).hexdigest()
    info = os.stat(path)
    time.sleep(0.02)  # a tick of the file system's clock later
    path.write_bytes(second)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert os.stat(path).st_size == info.st_size and os.stat(path).st_mtime_ns == info.st_mtime_ns
    assert disk.kept_hash("test", path, os.stat(path), sha1) == hashlib.sha1(second).hexdigest()
    # an image's hash, as the build's memory cache gives it: kept, then taken without reading the file
    with BuildCache().build() as cache:
        assert cache.file_digest(path) == digest(second)
    monkeypatch.setattr("booklet.cache.disk.file_digest", lambda path: "not read")
    with BuildCache().build() as cache:
        assert cache.file_digest(path) == digest(second)
        assert cache.file_digest(tmp_path / "missing.jpg") is None
    monkeypatch.setenv("BOOKLET_CACHE", "off")
    assert disk.kept_hash("test", path, os.stat(path), sha1) == hashlib.sha1(second).hexdigest()  # always made


def test_kept_raw_pixels_are_decompressed_only_when_read_and_a_damaged_entry_is_made_again(tmp_path, monkeypatch):
    """An image with transparency is kept on disk as its compressed raw pixels: a build that draws it from its
    kept XObject never decompresses them; with the XObject gone they are decompressed when first read, and when
    they are damaged (another size, not zlib's) the image is made again from its file; the PDF is always the PDF
    of a build without any cache."""
    import shutil
    import zlib

    from booklet import images

    folder = _illustrated(tmp_path / "conf")

    def build(name: str, cache: str) -> bytes:
        return _new_process_build(monkeypatch, folder, tmp_path / name, cache)

    decompressed, remade = [], []
    pixels, from_file = images._pixels, images._made_from_file
    monkeypatch.setattr(images, "_pixels", lambda *args: decompressed.append(1) or pixels(*args))
    monkeypatch.setattr(images, "_made_from_file", lambda *args: remade.append(1) or from_file(*args))
    cache = tmp_path / "cache"
    cold = build("off.pdf", "off")
    assert build("filling.pdf", str(cache)) == cold
    raw = [path for path in (cache / "images").glob("*.pickle")
           if isinstance(kept := pickle.loads(path.read_bytes()), tuple) and len(kept) == 5 and kept[2] == "RGBA"]
    assert raw  # the logo's, at each size it is drawn
    decompressed.clear(), remade.clear()
    assert build("kept.pdf", str(cache)) == cold and decompressed == [] and remade == []
    shutil.rmtree(cache / "xobjects")  # the pixels read to make the XObject again
    assert build("no-xobjects.pdf", str(cache)) == cold and len(decompressed) == len(raw) and remade == []
    whole = [pickle.loads(path.read_bytes()) for path in raw]
    for cut in (lambda data: zlib.compress(zlib.decompress(data)[:-4]), lambda data: data[: len(data) // 2]):
        shutil.rmtree(cache / "xobjects")  # the pixels too short; not zlib's
        for path, (width, height, mode, data, transparency) in zip(raw, whole):
            path.write_bytes(pickle.dumps((width, height, mode, cut(data), transparency)))
        remade.clear()
        assert build("damaged.pdf", str(cache)) == cold and len(remade) == len(raw)
        assert [pickle.loads(path.read_bytes()) for path in raw] == whole  # kept whole again


def test_font_subsets_are_kept_on_disk_by_font_and_characters_and_follow_an_edit(tmp_path, monkeypatch):
    """Each font subset's TrueType file is kept on disk by the font file's bytes and the subset's characters:
    a build from a filled cache makes none; a character new to the text makes its font's subset again (and
    only the subsets that changed); an entry that is damaged or holds another key's subset is made again; the
    PDF is always a build's without any cache."""
    import shutil

    from reportlab.pdfbase import ttfonts


    folder = write_conference(tmp_path / "conf")
    made = []
    making = ttfonts.TTFontFile.makeSubset
    monkeypatch.setattr(ttfonts.TTFontFile, "makeSubset", lambda *args: made.append(1) or making(*args))

    def build(name: str, cache: str) -> bytes:
        made.clear()
        return _new_process_build(monkeypatch, folder, tmp_path / name, cache)

    cold = build("off.pdf", "off")
    subsets = len(made)
    cache = tmp_path / "cache"
    assert subsets >= 2 and build("filling.pdf", str(cache)) == cold and len(made) == subsets
    kept = sorted((cache / "subsets").glob("*.pickle"))
    assert len(kept) == subsets
    assert build("kept.pdf", str(cache)) == cold and made == []
    abstracts = folder / "abstracts.yaml"
    abstracts.write_text(abstracts.read_text(encoding="utf-8").replace("Some text.", "Some text, Straße."),
                         encoding="utf-8")
    edited = build("edited.pdf", str(cache))
    assert 0 < len(made) < subsets  # the subsets that took ß made anew, the others kept
    assert edited == build("edited-off.pdf", "off") != cold
    shutil.rmtree(cache / "subsets")
    assert build("edited-filling.pdf", str(cache)) == edited
    kept = sorted((cache / "subsets").glob("*.pickle"))  # the edited booklet's, each used
    first, second = kept[0].read_bytes(), kept[1].read_bytes()
    kept[0].write_bytes(second), kept[1].write_bytes(first)  # each whole, but another key's
    kept[2].write_bytes(kept[2].read_bytes()[:-40])  # cut short
    assert build("damaged.pdf", str(cache)) == edited and len(made) == 3
    assert build("mended.pdf", str(cache)) == edited and made == []


def test_font_subsets_in_a_warm_cache_are_kept_in_memory_and_follow_an_edit(tmp_path, monkeypatch):
    """In a warm cache (booklet watch) a subset made before is taken from memory, with the disk cache off; a
    character new to the text makes its subset again; the PDF is a build's without any cache."""
    from reportlab.pdfbase import ttfonts

    from booklet.build import build_booklet
    from booklet.cache import BuildCache

    monkeypatch.setenv("BOOKLET_CACHE", "off")
    folder = write_conference(tmp_path / "conf")
    made = []
    making = ttfonts.TTFontFile.makeSubset
    monkeypatch.setattr(ttfonts.TTFontFile, "makeSubset", lambda *args: made.append(1) or making(*args))
    warm = BuildCache()
    build_booklet(folder, tmp_path / "first.pdf", cache=warm)
    made.clear()
    build_booklet(folder, tmp_path / "again.pdf", cache=warm)
    assert made == [] and (tmp_path / "again.pdf").read_bytes() == (tmp_path / "first.pdf").read_bytes()
    abstracts = folder / "abstracts.yaml"
    abstracts.write_text(abstracts.read_text(encoding="utf-8").replace("Some text.", "Some text, Straße."),
                         encoding="utf-8")
    build_booklet(folder, tmp_path / "edited.pdf", cache=warm)
    assert made
    build_booklet(folder, tmp_path / "cold.pdf", cache=BuildCache(warm=False))
    assert (tmp_path / "edited.pdf").read_bytes() == (tmp_path / "cold.pdf").read_bytes()


def test_values_are_kept_to_the_end_only_in_a_process_that_said_it_ends(monkeypatch):
    from booklet.cache import disk

    monkeypatch.setattr(disk, "_TO_THE_END", None)
    disk.to_the_end("story")
    assert disk._TO_THE_END is None  # a library caller, `watch`: nothing held
    disk.ending()
    disk.to_the_end("story")
    disk.ending()  # said again: what is held stays
    assert disk._TO_THE_END == ["story"]


def test_values_kept_apart_are_read_only_when_asked_for(tmp_path, monkeypatch, sample_first):
    """A math paragraph's fragments as parsed (cache.Seldom) are kept in a file of their own beside the layouts; a
    build from the kept layouts reads only those it needs (a paragraph whose lines are made again: a split, the
    lines of scripts measured), and gives the same bytes. (The first build: sample_first's.)"""
    from booklet.build import build_booklet
    from booklet.cache import persisted

    folder = _from_sample_first(sample_first, tmp_path, monkeypatch)
    made, read = [], []
    real_init, real_read = persisted._Apart.__init__, persisted._Apart.read
    monkeypatch.setattr(persisted._Apart, "__init__", lambda self, *a: made.append(1) or real_init(self, *a))
    monkeypatch.setattr(persisted._Apart, "read", lambda self: read.append(1) or real_read(self))
    again = persisted.PersistedCache(folder)
    build_booklet(folder, tmp_path / "again.pdf", cache=again, jobs=1)
    assert not again.made.get("layouts") and len(made) > 20
    assert 0 < len(read) < len(made) / 2, (len(read), len(made))
    assert (tmp_path / "again.pdf").read_bytes() == sample_first.pdf


def test_a_kept_paragraph_s_fragments_not_kept_are_parsed_again_as_parsed_first(tmp_path, monkeypatch, sample_off,
                                                                                 sample_first):
    """Only the fragments of paragraphs with math boxes are kept as parsed (cache.Seldom); a rebuild from the kept
    layouts that needs another's (its lines made again: a paragraph split over pages, a drop cap's first line) parses
    its markup again (layout.flowables._ParseAgain). The fragments so parsed are those of the first parse (pickled
    alike, for every paragraph of the sample: sample_first's first build compared them), and the rebuild gives the
    bytes of a build without a cache (sample_off's, the same bytes wherever the folder is)."""
    from booklet.build import build_booklet
    from booklet.cache import persisted
    from booklet.layout.flowables import Para, _ParseAgain

    compared = sample_first.reparsed
    assert len(compared) > 500 and all(compared), (len(compared), compared.count(False))
    folder = _from_sample_first(sample_first, tmp_path, monkeypatch)
    again_parsed = []
    as_parsed = Para._as_parsed
    monkeypatch.setattr(Para, "_as_parsed", lambda self: again_parsed.append(type(self._parsed) is _ParseAgain)
                        or as_parsed(self))
    again = persisted.PersistedCache(folder)
    build_booklet(folder, tmp_path / "again.pdf", cache=again, jobs=1)
    assert not again.made.get("layouts") and any(again_parsed)
    assert (tmp_path / "again.pdf").read_bytes() == sample_off(1)
    assert sample_first.pdf == sample_off(1)


@pytest.mark.parametrize("failing", ["written", "put in place"])
def test_a_layouts_file_not_written_leaves_the_one_before_and_its_values_kept_apart(tmp_path, monkeypatch, failing):
    """When the file of layouts cannot be written (a full disk), or put in place, the one before stays whole with
    the file of the values it keeps apart: the next build still lays out nothing anew, and gives the same bytes;
    nothing the failed build wrote is left."""
    from booklet.build import build_booklet
    from booklet.cache import disk, persisted

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = _illustrated(tmp_path / "conf")
    build_booklet(folder, tmp_path / "first.pdf")
    _edit(folder, "hyphenated electroencephalographically", "set anew, façade électroencephalographically")
    kept = tmp_path / "cache" / "persisted"
    before = sorted(kept.iterdir())
    if failing == "written":  # the disk full as the file's header is written, the values and those kept apart in
        def full(file, header):  # their temporary files by then
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(persisted, "_header_written", full)
    else:
        place = disk.place
        monkeypatch.setattr(disk, "place", lambda temp, path: (temp.unlink() or False) if path.suffix == ".pickle"
                            and path.parent == kept else place(temp, path))
    build_booklet(folder, tmp_path / "edited.pdf")  # its files are not written
    monkeypatch.undo()
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    assert sorted(kept.iterdir()) == before  # the files before, whole, and nothing left of what it made
    _edit(folder, "set anew, façade électroencephalographically", "hyphenated electroencephalographically")
    again = persisted.PersistedCache(folder)
    build_booklet(folder, tmp_path / "again.pdf", cache=again)
    assert not again.made.get("layouts")
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "first.pdf").read_bytes()


def test_a_layouts_file_holds_its_values_in_chunks_read_back_whole(tmp_path, monkeypatch):
    """A section's values are pickled CHUNK at a time (a pickler's memory of what it wrote stays small): with chunks of
    50, the sample's layouts file holds many pickles, where each ends is in its header, and a rebuild reads every one
    of them back (it makes no layout anew) into the same PDF; a header whose ends lie is ignored."""
    import shutil

    from booklet.build import build_booklet
    from booklet.cache import persisted

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(persisted, "CHUNK", 50)
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    first = persisted.PersistedCache(folder)
    build_booklet(folder, tmp_path / "first.pdf", cache=first, jobs=1)
    used = first.size("layouts")
    kept = persisted.PersistedCache(folder)._kept_file("layouts")
    ends = kept[6]
    assert len(ends) == 1 + -(-used // 50) and ends[-1] == kept[3].nbytes
    assert len(pickle.loads(kept[3][ends[0]:ends[1]])) == 50
    reader = persisted.PersistedCache(folder)
    values, _ = reader._read("layouts", reader._kept_file("layouts"), "layouts")
    assert len(values) == used
    again = persisted.PersistedCache(folder)
    build_booklet(folder, tmp_path / "again.pdf", cache=again, jobs=1)
    assert "layouts" not in again.made
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "first.pdf").read_bytes()

    path = disk._path(persisted.KIND, persisted._name(folder.resolve(), "layouts"))
    whole = path.read_bytes()
    length = int.from_bytes(whole[-8:], "big")
    header = pickle.loads(whole[-8 - length:-8])
    for lying in ((*ends[:1], *ends[2:]), (ends[1], ends[0], *ends[2:]), (*ends[:-1], ends[-1] + 1), ()):
        told = pickle.dumps((*header[:6], lying))
        path.write_bytes(whole[:-8 - length] + told + len(told).to_bytes(8, "big"))
        found = persisted.PersistedCache(folder)
        assert found._read("layouts", found._kept_file("layouts"), "layouts") is None


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A generated book of 6 talks and 8 posters (bench/generate.py, as test_jobs' medium, smaller): 20 pages, math in
    most abstracts; built in two parts, each worker's part holds some. A build costs a third of the sample's CPU."""
    from .test_jobs import _generate

    return _generate(tmp_path_factory.mktemp("generated") / "data", 6, 8)


@pytest.fixture(scope="module")
def generated_off(tmp_path_factory, generated):
    """The PDF bytes of `generated` built as a new process builds it without the cache, by jobs (as sample_off)."""
    return _off_by_jobs(tmp_path_factory, "generated-off", lambda root: generated)


@pytest.fixture(scope="module")
def sample_kept(tmp_path_factory, generated, generated_off):
    """A copy of a generated book (`generated`: the sample's 76 pages cost three times its CPU, in each of four
    builds) built twice with the disk cache, by jobs: a first build (nothing kept, as `booklet build`
    makes it) and the next one (with a PersistedCache given, to see what it made); made once a module, for the tests
    of what the first build writes as it goes and the next one reads. Noted of the first build: each value written
    apart as made (persisted._Spool.add, by size, its values gathered 2 KB at a time: read back from the file) and
    whether each read back from that file came while its values were written again (_write_beside); at the start of
    the layout (each laying_out), the data files held, the files of them beside their place and whether their file is
    in place; the names in the kept folder. kept(jobs) gives a namespace of these, the folder, the kept folder, the
    PDFs' bytes (first, again, off) and the next build's cache."""
    import shutil
    from types import SimpleNamespace

    from booklet.build import build_booklet
    from booklet.cache import persisted

    made: dict[int, SimpleNamespace] = {}

    def kept(jobs: int) -> SimpleNamespace:
        if jobs in made:
            return made[jobs]
        root = tmp_path_factory.mktemp(f"sample-kept-{jobs}")
        folder, kept_folder = root / "data", root / "cache" / "persisted"
        shutil.copytree(generated, folder)
        files = kept_folder / f"{persisted._name(folder.resolve(), 'files')}.pickle"
        off = generated_off(jobs)
        added, read_back, writing, seen = [], [], [], []
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("BOOKLET_CACHE", str(root / "cache"))
            patch.setattr(persisted._Pickler, "GATHER", 2048)  # (written a few KB at a time: read back from the file)
            real_add, real_read = persisted._Spool.add, persisted._Spool.read
            real_write, real_laying_out = persisted.PersistedCache._write_beside, persisted.PersistedCache.laying_out
            patch.setattr(persisted._Spool, "add", lambda self, data: added.append(len(data)) or real_add(self, data))
            patch.setattr(persisted._Spool, "read",
                          lambda self, at, size: read_back.append(bool(writing)) or real_read(self, at, size))

            def write_beside(self, *args):
                writing.append(1)
                try:
                    return real_write(self, *args)
                finally:
                    writing.pop()

            def laying_out(self, jobs):
                real_laying_out(self, jobs)
                beside = [path for path in kept_folder.iterdir() if path.name.startswith(f".{files.name}.")]
                seen.append((self.size("files"), len(beside), files.exists()))

            patch.setattr(persisted.PersistedCache, "_write_beside", write_beside)
            patch.setattr(persisted.PersistedCache, "laying_out", laying_out)
            build_booklet(folder, root / "first.pdf", jobs=jobs)  # (as `booklet build` does: its own cache)
        names = sorted(path.name for path in kept_folder.iterdir())
        files_kept = files.exists()
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("BOOKLET_CACHE", str(root / "cache"))
            again = persisted.PersistedCache(folder)
            build_booklet(folder, root / "again.pdf", cache=again, jobs=jobs)
        made[jobs] = SimpleNamespace(
            folder=folder, kept_folder=kept_folder, files=files, added=added, read_back=read_back, seen=seen,
            names=names, files_kept=files_kept, again=again, off=off,
            first_pdf=(root / "first.pdf").read_bytes(), again_pdf=(root / "again.pdf").read_bytes())
        return made[jobs]

    return kept


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_first_build_writes_the_values_kept_apart_as_it_makes_them(jobs, sample_kept):
    """With no layouts kept, each process writes the values it keeps apart (a math paragraph's fragments as parsed)
    into a temporary file as it makes them (persisted._Spool), and holds what stands for them:
    that file becomes the file of values kept apart, its values never read back to be written again; nothing else is
    left beside the kept files. The next build reads them and lays out nothing anew, into the same bytes. (The
    generated book: its math paragraphs' fragments are the values kept apart, 43 in one process.)"""
    built = sample_kept(jobs)
    # (jobs 2: this process's part, the book's first pages, holds little math: its workers' values are not counted)
    assert len(built.added) > (20 if jobs == 1 else -1) and True not in built.read_back, len(built.added)
    kept = built.names
    assert not [name for name in kept if name.startswith(".")]
    apart = [name for name in kept if name.endswith(".apart")]
    assert (len(apart) == 1 if jobs == 1 else len(apart) > 1), kept  # jobs 2: one per part
    assert all(name.split("-")[0] + ".pickle" in kept for name in apart)
    assert not built.again.made.get("layouts")
    assert built.again_pdf == built.first_pdf == built.off


def test_a_full_disk_while_values_are_written_as_made_is_not_the_build_s_error(tmp_path, monkeypatch,
                                                                               illustrated_off):
    """The values a first build writes as it makes them (persisted._Spool) meet a full disk: the build goes on, each
    value read from what was written and what was gathered since, into the same bytes as a build without the cache;
    the layouts are kept with a file of their values of their own, which the next build reads; nothing is left."""
    from booklet.build import build_booklet
    from booklet.cache import persisted

    folder = _illustrated(tmp_path / "conf")
    off = illustrated_off()  # (the folder as _illustrated writes it, built without the cache)
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(persisted._Pickler, "GATHER", 2048)
    spools, real_write = [], persisted._Out.write

    def full(self, data):
        if self.file in spools and self.size > 8192:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(self, data)

    real_spool = persisted._Spool.__init__
    monkeypatch.setattr(persisted._Spool, "__init__", lambda self, path: real_spool(self, path) or spools.append(self.file))
    monkeypatch.setattr(persisted._Out, "write", full)
    first = persisted.PersistedCache(folder)
    build_booklet(folder, tmp_path / "first.pdf", cache=first, jobs=1)
    assert len(spools) == 1 and (tmp_path / "first.pdf").read_bytes() == off
    monkeypatch.undo()
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    kept = sorted(path.name for path in (tmp_path / "cache" / "persisted").iterdir())
    assert not [name for name in kept if name.startswith(".")] and len([n for n in kept if n.endswith(".apart")]) == 1
    again = persisted.PersistedCache(folder)
    build_booklet(folder, tmp_path / "again.pdf", cache=again, jobs=1)
    assert not again.made.get("layouts") and (tmp_path / "again.pdf").read_bytes() == off


def test_a_cache_used_again_and_a_part_with_no_pages_leave_no_values_written_as_made(tmp_path, monkeypatch):
    """A cache's second build lays out with the first one's layouts: it writes nothing as it goes; a process of a build
    in parts that lays out no page removes the file it would have written them into."""
    from booklet.build import build_booklet
    from booklet.cache import persisted

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = _illustrated(tmp_path / "conf")
    spooled, real_spool = [], persisted._Spool.__init__
    monkeypatch.setattr(persisted._Spool, "__init__", lambda self, path: spooled.append(path) or real_spool(self, path))
    cache = persisted.PersistedCache(folder)
    build_booklet(folder, tmp_path / "first.pdf", cache=cache, jobs=1)
    build_booklet(folder, tmp_path / "again.pdf", cache=cache, jobs=1)
    assert len(spooled) == 1
    part = persisted.PersistedCache(tmp_path / "other")
    part.laying_out(2)
    part.in_part(1, 2)
    assert len(spooled) == 2 and spooled[1].exists()
    part.write_part()
    assert not spooled[1].exists()
    assert not [path for path in (tmp_path / "cache" / "persisted").iterdir() if path.name.startswith(".")]


def _build_failing_once_written(monkeypatch, folder: Path, output: Path) -> None:
    """A build of `folder` that fails once its PDF is written (a full disk, as it is put in place): OSError."""
    from booklet import build

    real_render = build.render_pdf

    def failing(*args, **kwargs):
        real_render(*args, **kwargs)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(build, "render_pdf", failing)
    with pytest.raises(OSError):
        build.build_booklet(folder, output, jobs=1)


def test_a_first_build_that_fails_leaves_none_of_the_values_it_wrote_as_it_went(tmp_path, monkeypatch):
    """A first build that fails once its pages are laid out (here: writing the PDF) leaves neither its layouts nor the
    file it wrote their values kept apart into as it went (persisted._Spool): the disk cache holds what it held."""
    from booklet.cache import persisted

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    folder = _illustrated(tmp_path / "conf")
    kept = tmp_path / "cache" / "persisted"
    spooled, real_spool = [], persisted._Spool.__init__
    monkeypatch.setattr(persisted._Spool, "__init__", lambda self, path: spooled.append(path) or real_spool(self, path))
    _build_failing_once_written(monkeypatch, folder, tmp_path / "first.pdf")
    assert len(spooled) == 1 and not spooled[0].exists()
    assert not [path for path in kept.iterdir() if path.suffix in (".apart", ".part") or "layouts" in path.name]


def _streaming(monkeypatch, persisted) -> list[int]:
    """CHUNK 10, WINDOW 20, EVICTED 10 (the illustrated conference's few hundred layouts are written as made); the
    layouts each put finds held, noted in the list returned: (all, those made since the layout began)."""
    monkeypatch.setattr(persisted, "CHUNK", 10)
    monkeypatch.setattr(persisted, "WINDOW", 20)
    monkeypatch.setattr(persisted, "EVICTED", 10)
    held, real_put = [], persisted.PersistedCache.put

    def put(self, section, key, value):
        real_put(self, section, key, value)
        if section == "layouts":
            held.append((len(self._sections["layouts"]), len(self._stream.order) if self._stream else 0))

    monkeypatch.setattr(persisted.PersistedCache, "put", put)
    return held


def test_a_stream_notes_its_layouts_least_recently_used_first(tmp_path, monkeypatch):
    """persisted._Stream.noted: a layout made, or made or used again, is the newest (the last of `order`); one used
    that this build did not make (read from a file) is not noted; it tells when more than WINDOW + EVICTED are noted."""
    from booklet.cache import persisted

    monkeypatch.setattr(persisted, "WINDOW", 3)
    monkeypatch.setattr(persisted, "EVICTED", 1)
    stream = persisted._Stream(tmp_path / "layouts.pickle")
    assert [stream.noted(key, True) for key in ("a", "b", "c", "d")] == [False] * 4
    assert not stream.noted("read", False) and list(stream.order) == ["a", "b", "c", "d"]
    assert not stream.noted("b", False) and list(stream.order) == ["a", "c", "d", "b"]
    assert not stream.noted("a", True) and list(stream.order) == ["c", "d", "b", "a"]  # (made again)
    assert stream.noted("e", True) and list(stream.order) == ["c", "d", "b", "a", "e"]
    assert stream.noted("c", False) and stream.noted("c", True) and list(stream.order) == ["d", "b", "a", "e", "c"]


@pytest.mark.skipif(not hasattr(os, "pread"), reason="no layouts written as made where no file is read at a place")
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_first_build_writes_its_layouts_as_it_goes_and_holds_few(tmp_path, monkeypatch, jobs, illustrated_off):
    """A first build holds the WINDOW of the layouts it makes that it used last (and EVICTED more at most): the least
    recently used EVICTED are pickled into the file that becomes the layouts file (persisted._Stream) and let go. A layout asked
    for after that is made again, into the same PDF. The next build reads every layout it needs and makes none anew;
    the PDFs are the bytes of a build without the cache; nothing is left beside the kept files."""
    from booklet.build import build_booklet
    from booklet.cache import persisted

    folder = _illustrated(tmp_path / "conf")
    off = illustrated_off(jobs)
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    held = _streaming(monkeypatch, persisted)
    first = persisted.PersistedCache(folder)
    build_booklet(folder, tmp_path / "first.pdf", cache=first, jobs=jobs)
    assert (tmp_path / "first.pdf").read_bytes() == off
    # (jobs 2: this process's part alone; jobs 1: some 30 more, made before the layout began)
    assert max(made for _, made in held) <= 30 and max(all for all, _ in held) < 70
    # (more put than WINDOW + EVICTED can hold: some were let go; measured once, jobs 1 puts 242, jobs 2's part 55)
    assert len(held) > (200 if jobs == 1 else 40)
    kept = sorted(path.name for path in (tmp_path / "cache" / "persisted").iterdir())
    assert not [name for name in kept if name.startswith(".")], kept
    monkeypatch.undo()
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    again = persisted.PersistedCache(folder)
    build_booklet(folder, tmp_path / "again.pdf", cache=again, jobs=jobs)
    assert not again.made.get("layouts")
    assert (tmp_path / "again.pdf").read_bytes() == off


# (jobs 2 for the faults a worker meets apart from one process: its stream that failed, and the note that its layouts
# were too big, which the next build in parts reads as its part's file (in_part); the values apart lost at the end
# are dropped by the same PersistedCache._write_beside, in a worker as in one process, a build less)
@pytest.mark.parametrize("fault, jobs", [("full disk", 1), ("too big", 1), ("values apart lost at the end", 1),
                                         ("full disk", 2), ("too big", 2)])
def test_layouts_written_as_made_that_fail_or_pass_the_limit_are_not_kept(tmp_path, monkeypatch, fault, jobs,
                                                                          illustrated_off):
    """The layouts a first build writes as it goes (persisted._Stream) meet a full disk, or pass LIMIT, or the file of
    values kept apart they name fails after the last of them was written: the build goes on into the same bytes; the
    layouts let go are not kept (no layouts file; too big: the note that they were), nor their values apart, and
    nothing is left beside the kept files. The next build lays out anew (too big: keeping nothing) into the same PDF.
    With jobs 2, the workers' files (this process's part, the index, writes too few to fail)."""
    from booklet.build import build_booklet
    from booklet.cache import persisted

    folder = _illustrated(tmp_path / "conf")
    off = illustrated_off(jobs)
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    _streaming(monkeypatch, persisted)
    if fault == "too big":
        monkeypatch.setattr(persisted, "LIMIT", 10_000)  # (the layouts: some 70 KB; a worker's 20-27 KB)
    elif fault == "full disk":
        real_dump = persisted._Pickler.dump
        streamed = []

        def dump(self, obj):
            if self.spool is not None and len(streamed) == 3:  # the fourth chunk written as made
                raise OSError(errno.ENOSPC, "No space left on device")
            streamed.append(1)
            real_dump(self, obj)

        monkeypatch.setattr(persisted._Pickler, "dump", dump)
    else:
        real_write = persisted.PersistedCache._write_beside

        def write_beside(self, name, section, *args):
            if section == "layouts" and self._spool is not None and self._stream.file is not None:
                self._spool.broken = True  # (as a failed write of its last values leaves it)
            return real_write(self, name, section, *args)

        monkeypatch.setattr(persisted.PersistedCache, "_write_beside", write_beside)
    first = persisted.PersistedCache(folder)
    build_booklet(folder, tmp_path / "first.pdf", cache=first, jobs=jobs)
    assert (tmp_path / "first.pdf").read_bytes() == off
    kept_folder = tmp_path / "cache" / "persisted"
    assert not [path for path in kept_folder.iterdir() if path.name.startswith(".")]
    names = ["layouts"] if jobs == 1 else [f"layouts, part {part} of 3" for part in (1, 2)]
    reader = persisted.PersistedCache(folder)
    for name in names:
        assert reader._kept_file(name) == ((persisted.stamp(), persisted.TOO_BIG) if fault == "too big" else None)
        assert not list(kept_folder.glob(persisted._name(folder.resolve(), name) + "-*.apart"))
    monkeypatch.undo()
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    again = persisted.PersistedCache(folder)
    build_booklet(folder, tmp_path / "again.pdf", cache=again, jobs=jobs)
    assert (tmp_path / "again.pdf").read_bytes() == off
    if jobs == 1:
        assert again.made.get("layouts", 0) > 200 or fault == "too big"


@pytest.mark.skipif(not hasattr(os, "pread"), reason="no layouts written as made where no file is read at a place")
def test_a_cache_that_wrote_its_layouts_as_made_reads_them_for_its_next_build(tmp_path, monkeypatch,
                                                                              illustrated_off):
    """A cache used for a second build in the same process (a library user's) after a first build that wrote its
    layouts as it went and let most go: the second reads them from the file written, and lays out nothing anew."""
    from booklet.build import build_booklet
    from booklet.cache import persisted

    folder = _illustrated(tmp_path / "conf")
    off = illustrated_off()
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    _streaming(monkeypatch, persisted)
    cache = persisted.PersistedCache(folder)
    build_booklet(folder, tmp_path / "first.pdf", cache=cache, jobs=1)
    build_booklet(folder, tmp_path / "again.pdf", cache=cache, jobs=1)
    assert not cache.made.get("layouts")
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "first.pdf").read_bytes() == off


def test_a_file_of_another_version_leaves_no_values_apart_behind(tmp_path, monkeypatch):
    """A layouts file another version of booklet wrote (another stamp) is ignored, and the file of values kept apart it
    names is removed once this version's file is in its place: one such file per layouts file, not one per version."""
    from booklet.build import build_booklet
    from booklet.cache import persisted

    folder = _illustrated(tmp_path / "conf")  # (its abstract's formula: a math paragraph's fragments kept apart)
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    real_stamp = persisted.stamp()
    monkeypatch.setattr(persisted, "stamp", lambda: "another version")
    abstracts = folder / "abstracts.yaml"
    text = abstracts.read_text(encoding="utf-8")
    # (other values: kept apart are math paragraphs' fragments, so this one has a formula)
    abstracts.write_text(text.replace("Some text with", "Some words with"), encoding="utf-8")
    build_booklet(folder, tmp_path / "old.pdf", cache=persisted.PersistedCache(folder), jobs=1)
    kept_folder = tmp_path / "cache" / "persisted"
    old = list(kept_folder.glob("*.apart"))
    assert len(old) == 1
    monkeypatch.setattr(persisted, "stamp", lambda: real_stamp)
    abstracts.write_text(text, encoding="utf-8")
    build_booklet(folder, tmp_path / "new.pdf", cache=persisted.PersistedCache(folder), jobs=1)
    new = list(kept_folder.glob("*.apart"))
    assert len(new) == 1 and new != old


def test_a_first_build_that_fails_leaves_none_of_the_layouts_it_wrote_as_it_went(tmp_path, monkeypatch):
    """A first build that wrote layouts as it went (persisted._Stream) and then fails (writing the PDF) leaves neither
    that file nor any other beside the kept files."""
    from booklet.cache import persisted

    folder = _illustrated(tmp_path / "conf")
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    _streaming(monkeypatch, persisted)
    streams, real_write = [], persisted._Stream.write
    monkeypatch.setattr(persisted._Stream, "write",
                        lambda self, *args: real_write(self, *args) or streams.append(self.path))
    _build_failing_once_written(monkeypatch, folder, tmp_path / "first.pdf")
    assert streams and streams[0] is not None and not streams[0].exists()
    assert not [path for path in (tmp_path / "cache" / "persisted").iterdir()
                if path.name.startswith(".") or "layouts" in path.name or path.suffix == ".apart"]


def test_an_image_s_reader_is_kept_only_for_a_later_build_in_the_same_process(tmp_path, monkeypatch):
    """An image's ReportLab reader (with the pixels ReportLab decoded of it) is kept with the image for a watch's
    next build, not by a single build's cache: each photo's pixels stayed in a worker's memory to the end of a first
    build, for no later build."""
    from PIL import Image

    from booklet.cache import BuildCache, persisted
    from booklet.images import Printable

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    for cache, kept in ((persisted.PersistedCache(tmp_path), False), (BuildCache(), True)):
        image = Printable.of(Image.new("RGB", (30, 20), (200, 60, 30)))
        with cache.build():
            first = image.reader()
            assert (image.reader() is first) is kept and ("_reader" in image.__dict__) is kept


def test_a_first_build_writes_each_seldom_value_of_a_layout_apart_and_keeps_its_place(tmp_path):
    from booklet.cache import Seldom, seldom_bytes
    from booklet.cache.persisted import _Apart, _spilled, _Spool

    spool = _Spool(tmp_path / "apart")
    plain = ("text", (1, 2), None)
    assert _spilled(plain, spool) is plain and _spilled([Seldom(b"x")], spool) == [b"x"]  # (a list: kept as it is)
    value = (Seldom(b"parse"), "cleaner", (("summary",), Seldom(b"deeper")), Seldom(b"calls"))
    spilled = _spilled(value, spool)
    assert spilled[1] == "cleaner" and spilled[2] is value[2]  # (one deeper: left for the pickler to keep apart)
    assert type(spilled[0]) is _Apart and type(spilled[3]) is _Apart
    assert seldom_bytes(spilled[0]) == b"parse" and seldom_bytes(spilled[3]) == b"calls"


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_first_build_lets_its_data_files_go_before_the_layout_and_keeps_them_once_it_succeeds(tmp_path, monkeypatch,
                                                                                               jobs, sample_kept):
    """A first build holds no parsed data file through its layout (a 2,000-talk book's documents took some 15 MB of
    each process): they are written beside their place before it (persisted.PersistedCache._files_out) and let go,
    put in place once the build has succeeded, and the next build reads them from there (parsing none); the PDFs are
    the bytes of a build without the cache. A build that fails leaves no file of them, not even beside its place."""
    from booklet.cache import persisted

    built = sample_kept(jobs)
    assert built.seen == [(0, 1, False)]  # none held; written beside their place, not in it yet
    assert built.first_pdf == built.off
    assert built.files_kept and not [name for name in built.names if name.startswith(".")]
    assert not built.again.made.get("files")  # (read from the file: none parsed)
    assert built.again_pdf == built.off
    # a first build of the same folder, into a cache of its own, that fails
    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    kept = tmp_path / "cache" / "persisted"
    files = kept / built.files.name
    _build_failing_once_written(monkeypatch, built.folder, tmp_path / "failed.pdf")
    assert not files.exists() and not [path for path in kept.iterdir() if path.name.startswith(f".{files.name}.")]


def test_a_data_file_read_item_by_item_is_kept_once(tmp_path, monkeypatch):
    """The data files' section on disk: a file read item by item keeps its whole document (a Seq) and each item
    under a key of its own, the same Map objects; written apart (chunks), the whole file names its items' documents
    and texts rather than holding copies, and a new process reads them back as one object each, equal to the file
    parsed again."""
    from booklet.cache import memory, persisted
    from booklet.data.load import load_file

    monkeypatch.setenv("BOOKLET_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(persisted, "CHUNK", 2)  # the items and the whole file in pickles of their own
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "abstracts.yaml").write_text("".join(f"- id: a{i}\n  title: Title {i}\n" for i in range(5)))
    cache = persisted.PersistedCache(folder)
    with memory.using(cache), cache.build():
        first = load_file(folder / "abstracts.yaml", "abstracts.yaml", [])
    assert [item["title"] for item in first] == [f"Title {i}" for i in range(5)]
    again = persisted.PersistedCache(folder)
    values, _ = again._read("files", again._kept_file("files"), "files")
    whole = next(value[0] for key, value in values.items() if key[1] != "item")
    assert whole == first and whole.raw == first.raw and whole.lines == first.lines
    for item, raw in zip(whole, whole.raw):
        assert values[item.kept][0] is item and values[item.kept][3] is raw
