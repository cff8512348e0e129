"""`booklet watch`: one rebuild as a value, which changes count, the loop fed fake change events, and the real thing."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from booklet.cli import main
from booklet.problems import Refused
from booklet.watch import ChangeFilter, Changed, Rebuild, Watching, rebuild, watch

from .helpers import BASE, write_conference
from .pdftext import Pdf

ROOT = Path(__file__).resolve().parent.parent
BAD_PROGRAMME = BASE["programme.yaml"].replace("talk: lund-2026", "talk: lund-2062")
BAD_LINE = "programme.yaml:5: days[0].items[1].talk: no abstract with id 'lund-2062' (did you mean 'lund-2026'?)"


def jpeg(size: tuple[int, int], colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def with_photo(photo: str) -> str:
    return BASE["abstracts.yaml"].replace("affiliation: Uni A}", f"affiliation: Uni A, photo: {photo}}}")


def image_sizes(pdf: Path) -> set[tuple[int, int]]:
    return {(image.image.width, image.image.height) for page in PdfReader(pdf).pages for image in page.images}


def set_title(folder: Path, title: str) -> None:
    path = folder / "conference.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(_title(path), f"title: {title}"), encoding="utf-8")


def _title(path: Path) -> str:
    return re.search(r"^title: .*$", path.read_text(encoding="utf-8"), re.M).group(0)


# --------------------------------------------------------------------------- one rebuild


def test_a_rebuild_says_what_it_wrote_or_why_not_and_keeps_the_last_good_pdf(tmp_path):
    folder = write_conference(tmp_path / "conf")
    output = tmp_path / "out" / "booklet.pdf"
    good = rebuild(folder, output)
    assert good.ok and good.problems == []
    assert good.pages == len(PdfReader(output).pages) == 12
    assert re.fullmatch(rf"Wrote {re.escape(str(output))} \(12 pages, A5\) in \d+\.\d\d s", good.message)
    assert good.message.endswith(f"in {good.seconds:.2f} s")
    before = output.read_bytes()

    (folder / "programme.yaml").write_text(BAD_PROGRAMME, encoding="utf-8")
    bad = rebuild(folder, output)
    assert not bad.ok and bad.pages == 0 and bad.images == frozenset()
    assert [str(p) for p in bad.problems] == [BAD_LINE]
    assert bad.message == f"1 error, 0 warnings; {output} is left as it was."
    assert output.read_bytes() == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["booklet.pdf"]  # no temporary file left

    fresh = tmp_path / "never" / "booklet.pdf"
    assert rebuild(folder, fresh).message == "1 error, 0 warnings; nothing was written."
    assert not fresh.exists()


def test_a_rebuild_into_a_data_file_is_refused_as_build_refuses_it_not_an_internal_error(tmp_path):
    """`booklet watch data -o data/conference.yaml` said "internal error (Refused: will not write ...) ... Please
    report this", at the first build and at each rebuild; it says what `booklet build` says, the file untouched."""
    folder = write_conference(tmp_path / "conf")
    target = folder / "conference.yaml"
    before = target.read_bytes()
    refused = rebuild(folder, target)
    assert not refused.ok and refused.problems == []
    assert refused.message == (f"booklet: will not write {target}: it is a data file of the conference in {folder}; "
                               f"choose another output; {target} is left as it was.")
    assert target.read_bytes() == before


def test_watch_refuses_an_output_that_is_a_data_file_before_building_or_watching(tmp_path, monkeypatch):
    """`booklet watch conf -o conf/conference.yaml` said "will not write ..." at each build and went on watching, the
    output left out of what is watched (an edit to conference.yaml never rebuilt); it is refused at the start, as
    `booklet build` refuses it, with exit status 1, the file untouched, whatever the data holds."""
    folder = write_conference(tmp_path / "conf", {"programme.yaml": BAD_PROGRAMME})  # (refused all the same)
    target = folder / "conference.yaml"
    before = target.read_bytes()
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke(main, ["watch", "conf", "-o", "conf/conference.yaml", "--jobs", "1"])
    assert run.exit_code == 1, run.output
    assert run.stderr == ("booklet: will not write conf/conference.yaml: it is a data file of the conference in conf; "
                          "choose another output; nothing was written.\n")
    assert run.stdout == ""  # no "Watching ..."
    assert target.read_bytes() == before


def test_watch_refuses_an_output_that_is_an_image_the_data_names_after_its_first_build(tmp_path, monkeypatch):
    """An image (or extra page) the data names is known once the data is read: the first build refuses it as `booklet
    build` does, and the watch ends there with exit status 1 instead of watching on, never to write."""
    photo = jpeg((120, 150), (200, 30, 30))
    write_conference(tmp_path / "conf", {"abstracts.yaml": with_photo("images/a.jpg"), "images/a.jpg": photo})
    monkeypatch.chdir(tmp_path)
    args = ["conf", "-o", "conf/images/a.jpg", "--jobs", "1"]
    message = ("booklet: will not write conf/images/a.jpg: it is an image the data names in conf; choose another "
               "output; nothing was written.\n")
    build = CliRunner().invoke(main, ["build", *args])
    assert (build.exit_code, build.stderr) == (1, message)
    run = CliRunner().invoke(main, ["watch", *args])
    assert (run.exit_code, run.stderr, run.stdout) == (1, message, "")
    assert (tmp_path / "conf" / "images" / "a.jpg").read_bytes() == photo


def test_the_watch_loop_refuses_an_output_that_is_an_input_without_watching(tmp_path):
    folder = write_conference(tmp_path / "conf")
    events = []

    def fake_watcher(roots, wanted):
        raise AssertionError("nothing is watched")

    with pytest.raises(Refused, match="it is a data file of the conference"):
        watch(folder, folder / "programme.yaml", report=events.append, watcher=fake_watcher)
    assert events == []


def test_a_rebuild_reads_an_image_edited_since_the_last_one(tmp_path):
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": with_photo("images/a.jpg"),
                                                  "images/a.jpg": jpeg((120, 150), (200, 30, 30))})
    output = tmp_path / "booklet.pdf"
    first = rebuild(folder, output)
    assert first.ok and first.images == {(folder / "images/a.jpg").resolve()}
    assert (120, 150) in image_sizes(output)
    (folder / "images/a.jpg").write_bytes(jpeg((240, 300), (30, 30, 200)))
    assert rebuild(folder, output).ok
    sizes = image_sizes(output)
    assert (240, 300) in sizes and (120, 150) not in sizes


def test_an_unwritable_output_is_a_message_not_an_exception(tmp_path):
    folder = write_conference(tmp_path / "conf")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = rebuild(folder, blocker / "booklet.pdf")
    assert not result.ok
    assert result.message.startswith(f"booklet: cannot write {blocker}")
    assert result.message.endswith("; nothing was written.")


def test_watch_into_a_folder_that_is_a_link_in_a_loop_says_it_cannot_write_not_a_traceback(tmp_path):
    """`booklet watch conf -o loop/booklet.pdf`, loop a symbolic link to itself, ended in a traceback (RuntimeError:
    Symlink loop, from Path.resolve in ChangeFilter); the build says it cannot write there, as `booklet build` does,
    and the watch goes on."""
    folder = write_conference(tmp_path / "conf")
    loop = tmp_path / "loop"
    loop.symlink_to("loop")
    events = []
    watch(folder, loop / "booklet.pdf", report=events.append, watcher=lambda roots, wanted: iter(()), jobs=1)
    assert isinstance(events[0], Rebuild) and not events[0].ok and isinstance(events[1], Watching), events
    assert events[0].message.startswith(f"booklet: cannot write {loop / 'booklet.pdf'}: {loop}: not a folder: it is a "
                                        "symbolic link in a loop (it points, in the end, to itself); ")
    assert events[0].message.endswith("; nothing was written.") and loop.is_symlink()


# --------------------------------------------------------------------------- which changes count


def test_data_files_and_images_count_editor_files_hidden_files_and_the_output_do_not(tmp_path):
    data = tmp_path / "conf"
    (data / "abstracts").mkdir(parents=True)
    wanted = ChangeFilter(data, data / "booklet.pdf")
    for name in ("conference.yaml", "abstracts/x.yaml", "programme.YML", "participants.csv", "images/a.jpg", "logo.PNG",
                 "abstracts"):
        assert wanted(data / name), name
    for name in ("booklet.pdf", ".booklet.pdf.abc123.part", ".conference.yaml.swp", "conference.yaml~",
                 ".#conference.yaml", "#conference.yaml#", "4913", "sedAb12Cd", "conference.yaml.tmp",
                 ".git/index", ".hidden/x.yaml", "abstracts/.x.yaml.swx", "notes.txt", "x.yaml___jb_tmp___"):
        assert not wanted(data / name), name
    outside = tmp_path / "images" / "a.jpg"
    assert not wanted(outside) and not wanted(tmp_path / "other.yaml")
    wanted.images = frozenset({outside.resolve()})
    assert wanted(outside) and not wanted(tmp_path / "images" / "b.jpg")


# --------------------------------------------------------------------------- the loop, with fake events


def test_watch_rebuilds_once_per_burst_of_relevant_changes(tmp_path):
    folder = write_conference(tmp_path / "conf")
    output = tmp_path / "booklet.pdf"
    events = []
    roots_seen = []

    def fake_watcher(roots, wanted):
        roots_seen.append(roots)
        assert Pdf(output).pages_with("Test Conference")  # the first build is done before watching starts
        set_title(folder, "Renamed Meeting")
        yield [folder / "conference.yaml", folder / "conference.yaml", folder / ".conference.yaml.swp"]
        assert Pdf(output).pages_with("Renamed Meeting")
        yield [output, folder / "conference.yaml~", folder / "notes.txt"]  # nothing that counts: no rebuild
        (folder / "programme.yaml").write_text(BAD_PROGRAMME, encoding="utf-8")
        yield [folder / "programme.yaml"]
        (folder / "programme.yaml").write_text(BASE["programme.yaml"], encoding="utf-8")
        set_title(folder, "Third Title")
        yield [folder / "programme.yaml", folder / "conference.yaml"]

    watch(folder, output, report=events.append, watcher=fake_watcher)
    root = folder.resolve()
    assert roots_seen == [(root,)]
    kinds = [type(e).__name__ for e in events]
    assert kinds == ["Rebuild", "Watching", "Changed", "Rebuild", "Changed", "Rebuild", "Changed", "Rebuild"]
    assert events[1] == Watching((root,))
    assert events[2] == Changed((root / "conference.yaml",))
    assert events[6] == Changed((root / "conference.yaml", root / "programme.yaml"))
    builds = [e for e in events if isinstance(e, Rebuild)]
    assert [b.ok for b in builds] == [True, True, False, True]
    assert [str(p) for p in builds[2].problems] == [BAD_LINE]
    assert builds[2].message == f"1 error, 0 warnings; {output} is left as it was."
    pdf = Pdf(output)
    assert len(pdf) == 12 and pdf.pages_with("Third Title") and not pdf.pages_with("Renamed Meeting")


def test_what_changed_before_the_watcher_started_is_rebuilt_on_its_first_burst(tmp_path):
    folder = write_conference(tmp_path / "conf")
    output = tmp_path / "booklet.pdf"
    events = []

    def fake_watcher(roots, wanted):
        set_title(folder, "Saved During The First Build")  # before the watcher looks: no event for it
        (folder / "abstracts").mkdir()
        (folder / "abstracts" / "new.yaml").write_text("id: new\ntitle: New\nspeaker: {name: A B}\nabstract: x\n")
        yield []  # the real watcher's first quiet second
        yield []  # nothing new since: no rebuild

    watch(folder, output, report=events.append, watcher=fake_watcher)
    root = folder.resolve()
    assert [type(e).__name__ for e in events] == ["Rebuild", "Watching", "Changed", "Rebuild"]
    assert events[2] == Changed((root / "abstracts" / "new.yaml", root / "conference.yaml"))
    assert events[3].ok and Pdf(output).pages_with("Saved During The First Build")


def test_image_folders_outside_the_data_folder_are_watched_too(tmp_path):
    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": with_photo("../images/a.jpg"),
                                                  "../images/a.jpg": jpeg((120, 150), (200, 30, 30))})
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "b.jpg").write_bytes(jpeg((60, 75), (30, 200, 30)))
    output = tmp_path / "booklet.pdf"
    images = (tmp_path / "images").resolve()
    events = []
    calls = []

    def fake_watcher(roots, wanted):
        calls.append(roots)
        if len(calls) == 1:
            yield [images / "notes.txt", images / "unused.jpg"]  # not images of the booklet: no rebuild
            (images / "a.jpg").write_bytes(jpeg((240, 300), (30, 30, 200)))
            yield [images / "a.jpg"]
            assert (240, 300) in image_sizes(output)
            (folder / "abstracts.yaml").write_text(with_photo("../other/b.jpg"), encoding="utf-8")
            yield [folder / "abstracts.yaml"]
            raise AssertionError("the watcher should have been restarted on the new image folder")
        yield from ()

    watch(folder, output, report=events.append, watcher=fake_watcher)
    root = folder.resolve()
    assert calls == [(root, images), (root, (tmp_path / "other").resolve())]
    assert [e for e in events if isinstance(e, Watching)] == [Watching(calls[0]), Watching(calls[1])]
    assert [e.paths for e in events if isinstance(e, Changed)] == [(images / "a.jpg",), (root / "abstracts.yaml",)]
    assert [e.ok for e in events if isinstance(e, Rebuild)] == [True, True, True]
    assert image_sizes(output) == {(60, 75)}


def test_the_watch_command_prints_problems_as_build_does(tmp_path, monkeypatch):
    write_conference(tmp_path / "conf", {"programme.yaml": BAD_PROGRAMME})
    output = tmp_path / "booklet.pdf"

    jobs_given = []

    def fake_watch(data_dir, out, options, report, jobs):  # the loop, one rebuild of the broken data, then Ctrl-C
        jobs_given.append(jobs)
        report(rebuild(data_dir, out, options))
        report(Watching((Path(data_dir).resolve(),)))
        report(Changed((Path(data_dir).resolve() / "programme.yaml",)))
        (Path(data_dir) / "programme.yaml").write_text(BASE["programme.yaml"], encoding="utf-8")
        report(rebuild(data_dir, out, options))
        raise KeyboardInterrupt

    monkeypatch.setattr("booklet.watch.watch", fake_watch)
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke(main, ["watch", "conf", "-o", "booklet.pdf", "--page-size", "a4", "--jobs", "1"])
    assert run.exit_code == 0, run.output
    assert jobs_given == [1]  # --jobs reaches the watch (its default, None, builds as `build` does)
    assert run.stderr == f"{BAD_LINE}\n1 error, 0 warnings; nothing was written.\n"
    lines = run.stdout.splitlines()
    assert lines[:2] == ["Watching conf/ for changes (Ctrl-C to stop).", "Changed: programme.yaml; rebuilding."]
    assert re.fullmatch(r"Wrote booklet\.pdf \(\d+ pages, A4\) in \d+\.\d\d s", lines[2])
    assert lines[3:] == ["Stopped watching. Bye."]
    reader = PdfReader(output)
    assert f"Wrote booklet.pdf ({len(reader.pages)} pages, A4)" in lines[2]
    assert round(float(reader.pages[0].trimbox.width)) == 595  # A4: the page size reaches the build


def test_watch_needs_a_folder_and_says_so_as_build_does(tmp_path):
    missing, dangling = tmp_path / "missing", tmp_path / "dangling"  # (a plain file is refused by Click: exit 2)
    dangling.symlink_to(tmp_path / "nowhere")
    said = {}
    for folder, problem in ((missing, f"no such folder: give the conference's data folder, or start one with: "
                                      f"booklet init {missing}"),
                            (dangling, f"not a folder: it is a symbolic link to '{tmp_path / 'nowhere'}', which does "
                                       "not exist; give the conference's data folder")):
        run = CliRunner().invoke(main, ["watch", str(folder), "-o", str(tmp_path / "w.pdf")])
        assert run.exit_code == 1
        assert run.stderr == f"{folder}: {problem}\n1 error, 0 warnings; nothing to watch.\n"
        said[folder] = run.stderr.splitlines()[0]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["dangling"]  # nothing written
    for folder in (missing, dangling):
        built = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "b.pdf")])
        assert built.exit_code == 1 and built.stderr.splitlines()[0] == said[folder]


# --------------------------------------------------------------------------- the real thing


def test_watch_rebuilds_a_real_folder_on_an_edit_and_stops_cleanly_on_ctrl_c(tmp_path):
    folder = write_conference(tmp_path / "conf")
    output = tmp_path / "booklet.pdf"
    log, errors = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with open(log, "w") as out, open(errors, "w") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "booklet", "watch", str(folder), "-o", str(output)], cwd=tmp_path, env=env,
            stdout=out, stderr=err, stdin=subprocess.DEVNULL,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as in a terminal, not a background job
    try:
        # waited for as long as a loaded machine takes (a cold cache's first build took over 30 s beside CPU hogs), but
        # not past the process's end: each wait ends on what it waits for, at once
        assert _wait_for(lambda: "Watching" in log.read_text(), WAIT, process), (log.read_text(), errors.read_text())
        assert output.exists(), (log.read_text(), errors.read_text())  # (what the first build said, if it wrote none)
        first = output.stat().st_mtime_ns
        assert Pdf(output).pages_with("Test Conference")
        # edited at once: an edit made before the watcher looks is found by the first burst it yields (watch: the
        # files that changed since the build began), as one made later is by its event
        set_title(folder, "Edited While Watching")

        def rebuilt():
            text = log.read_text()
            return "Changed: conference.yaml; rebuilding." in text and text.count("Wrote ") >= 2

        assert _wait_for(rebuilt, WAIT, process), (log.read_text(), errors.read_text())
        assert output.stat().st_mtime_ns > first
        pdf = Pdf(output)
        assert len(pdf) == 12 and pdf.pages_with("Edited While Watching") and not pdf.pages_with("Test Conference")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=WAIT) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    lines = log.read_text().splitlines()
    assert re.fullmatch(rf"Wrote {re.escape(str(output))} \(12 pages, A5\) in \d+\.\d\d s", lines[0])
    assert lines[-1] == "Stopped watching. Bye."
    assert errors.read_text() == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["booklet.pdf", "conf", "stderr.txt", "stdout.txt"]


# How long a test waits for what a process it started is to do: minutes on a loaded machine (CI's 2 cores, or a
# load of 25), where the work takes a few seconds of CPU; a wait ends as soon as it is done (or the process ended).
WAIT = 180


def _wait_for(condition, seconds: float, process=None) -> bool:
    """Whether `condition()` holds within `seconds`, looked at every 0.05 s; looked at a last time, and no more waited
    for, once `process` (a Popen) has ended."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and (process is None or process.poll() is None):
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_a_data_folder_removed_and_made_again_is_rebuilt_and_watched_anew(tmp_path, monkeypatch):
    """`rm -rf conf; cp -r ... conf` (or a checkout): the watcher watched the removed folder, and nothing was ever
    rebuilt again; the folder made again is rebuilt, and watched anew."""
    import shutil
    import threading

    from booklet import watch as watching

    folder = write_conference(tmp_path / "conf")
    output = tmp_path / "booklet.pdf"
    events, watched = [], []
    stop = threading.Event()

    def made_again():
        write_conference(folder)
        set_title(folder, "Made Again")

    def fake_watcher(roots, wanted):
        watched.append(roots)
        if len(watched) == 1:
            shutil.rmtree(folder)
            yield []  # (a quiet second: the watcher hears nothing of the folder's removal)
            yield []
        else:
            stop.set()
            yield []

    waited_for = watching._waited_for

    def made_again_while_waited_for(*args):  # while the watch waits for the folder to be back, however slow
        made_again()
        return waited_for(*args)

    monkeypatch.setattr(watching, "_waited_for", made_again_while_waited_for)
    watch(folder, output, report=events.append, watcher=fake_watcher, stop=stop)
    builds = [e for e in events if isinstance(e, Rebuild)]
    assert [b.ok for b in builds] == [True, False, True]  # the first, the folder gone, the folder made again
    assert len(watched) == 2 and Pdf(output).pages_with("Made Again")


def test_a_font_file_changed_starts_the_watch_again_to_read_it(tmp_path, monkeypatch):
    """A process draws with a font file as it first read it: a watch rebuilt with the old glyphs after the theme's
    font file was replaced. It now says so and goes on in a new process, with the same options; the temporary files
    the old one left (the command line removes them as its process ends: os.execv ends it without that) removed
    first."""
    import os
    import sys

    from booklet import watch as watching
    from booklet.output.atomic import temporary_beside

    folder = write_conference(tmp_path / "conf")
    (folder / "fonts").mkdir()
    font = folder / "fonts" / "Body-Regular.ttf"
    font.write_bytes(b"(a font)")
    output = tmp_path / "booklet.pdf"
    events = []

    def fake_watcher(roots, wanted):
        assert wanted(font) and not wanted(folder / "fonts" / "notes.txt")
        yield [font]

    with pytest.raises(watching.Restart) as restart:
        watching.watch(folder, output, report=events.append, watcher=fake_watcher)
    assert restart.value.paths == (font.resolve(),)
    assert [type(e).__name__ for e in events] == ["Rebuild", "Watching", "Changed"]  # no rebuild with the old font

    def restarting(data_dir, out, options, report, jobs):
        temporary_beside(out)  # a temporary file nothing removed (a Ctrl-C's, a failure's: output.atomic.left_behind)
        raise watching.Restart((font,))

    def execv(path, args):  # the process is replaced: nothing it made is left beside the output
        started.append((path, args, sorted(path.name for path in tmp_path.iterdir())))

    started = []
    monkeypatch.setattr(watching, "watch", restarting)
    monkeypatch.setattr(os, "execv", execv)
    result = CliRunner().invoke(main, ["watch", str(folder), "-o", str(output), "--page-size", "A4", "-j", "2"])
    assert result.exit_code == 0, result.output
    assert "A font file changed (fonts/Body-Regular.ttf): starting again to read it." in result.output
    assert started == [(sys.executable, [sys.executable, "-m", "booklet", "watch", str(folder), "-o", str(output),
                                         "--page-size", "A4", "--jobs", "2"], ["booklet.pdf", "conf"])]


def test_a_data_folder_with_fonts_made_again_starts_the_watch_again_once_it_is_back(tmp_path, monkeypatch):
    """Its fonts may be others under the same names; while it is gone, the watch waits (it ended: a restart found
    no folder)."""
    import shutil

    from booklet import watch as watching

    folder = write_conference(tmp_path / "conf")
    (folder / "fonts").mkdir()
    (folder / "fonts" / "Body-Regular.ttf").write_bytes(b"(a font)")
    output = tmp_path / "booklet.pdf"
    events = []

    def made_again():
        write_conference(folder)
        (folder / "fonts").mkdir()
        (folder / "fonts" / "Body-Regular.ttf").write_bytes(b"(another font)")

    def fake_watcher(roots, wanted):
        shutil.rmtree(folder)
        yield [folder / "fonts" / "Body-Regular.ttf", folder / "conference.yaml"]  # (removed)
        yield []

    waited_for = watching._waited_for

    def made_again_while_waited_for(*args):  # once the watch waits for it, however slow the machine is
        made_again()
        return waited_for(*args)

    monkeypatch.setattr(watching, "_waited_for", made_again_while_waited_for)
    with pytest.raises(watching.Restart) as restart:
        watching.watch(folder, output, report=events.append, watcher=fake_watcher)
    assert folder.is_dir()  # back when the watch starts again
    assert restart.value.paths == ((folder / "fonts" / "Body-Regular.ttf").resolve(),)
    assert [type(e).__name__ for e in events] == ["Rebuild", "Watching", "Changed", "Rebuild", "Changed"]
    assert not events[3].ok  # the folder gone: said, then waited for


def test_an_image_folder_outside_moved_away_and_back_is_rebuilt_without_starting_again(tmp_path):
    """`mv ../images ../images.old` and back (a sync, a checkout of the folder beside): the watch said "A font file
    changed" and started again (the data folder holds a font), although no font and not the data folder had moved;
    and with the folder back, nothing was rebuilt: the watch watched the data folder alone, and kept the error."""
    import shutil

    folder = write_conference(tmp_path / "conf", {"abstracts.yaml": with_photo("../images/a.jpg"),
                                                  "../images/a.jpg": jpeg((120, 150), (200, 30, 30))})
    (folder / "fonts").mkdir()
    shutil.copyfile(ROOT / "booklet" / "resources" / "fonts" / "GentiumBookPlus-Regular.ttf",
                    folder / "fonts" / "Body-Regular.ttf")
    (folder / "theme.yaml").write_text("fonts: {text: fonts/Body-Regular.ttf}\n", encoding="utf-8")
    output = tmp_path / "booklet.pdf"
    images = (tmp_path / "images").resolve()
    events, calls = [], []

    def fake_watcher(roots, wanted):
        calls.append(roots)
        if len(calls) == 1:
            images.rename(tmp_path / "images.old")
            yield []  # (a quiet second: the watcher hears nothing of the move)
        elif len(calls) == 2:
            yield []  # (quiet: nothing to rebuild)
            (tmp_path / "images.old").rename(images)
            yield []
        else:
            yield from ()

    watch(folder, output, report=events.append, watcher=fake_watcher)
    root = folder.resolve()
    assert calls == [(root, images), (root,), (root, images)]
    assert [e.paths for e in events if isinstance(e, Changed)] == [(images, images / "a.jpg"), (images / "a.jpg",)]
    builds = [e for e in events if isinstance(e, Rebuild)]
    assert [b.ok for b in builds] == [True, False, True]
    assert [str(p) for p in builds[1].problems if p.kind != "font-style"] == [
        f"abstracts.yaml:3: [0].speaker.photo: '../images/a.jpg': file not found (there is no folder {images})"]
    assert image_sizes(output) == {(120, 150)}
