"""Writing outputs: a file replaced only when complete, several published together or not at all, errors
naming the file asked for (never a temporary one), and nothing left behind."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys

import pytest

import booklet.output.atomic as atomic
from booklet.output.atomic import replacing, temporary_beside, together, write_bytes, write_files

from .helpers import ROOT


def names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_rename_failing_part_way_puts_back_the_files_already_replaced(tmp_path, monkeypatch):
    first, second, third = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"
    first.write_bytes(b"old a")
    second.write_bytes(b"old b")
    replace = os.replace

    def failing_on_c(source, target):
        if str(target) == str(third):
            raise OSError(errno.EIO, "Input/output error", str(source), str(target))
        replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", failing_on_c)
    with pytest.raises(OSError) as caught:
        with together() as files:
            files.write(first, b"new a")
            files.write(second, b"new b")
            files.write(third, b"new c")  # not there before: must not be there after
    assert (caught.value.filename, caught.value.filename2, caught.value.strerror) == (
        str(third), None, "Input/output error")
    assert first.read_bytes() == b"old a" and second.read_bytes() == b"old b"
    assert names(tmp_path) == ["a.pdf", "b.pdf"]  # no temporary file, no copy of an old one


def test_files_to_remove_go_only_when_the_others_are_published(tmp_path, monkeypatch):
    old_page = tmp_path / "x-2.png"
    old_page.write_bytes(b"page 2 of an earlier proof")
    with together() as files:
        files.write(tmp_path / "x.pdf", b"new")
        files.remove(old_page)
    assert names(tmp_path) == ["x.pdf"]

    old_page.write_bytes(b"page 2 of an earlier proof")
    with pytest.raises(RuntimeError):
        with together() as files:
            files.write(tmp_path / "x.pdf", b"newer")
            files.remove(old_page)
            raise RuntimeError("a failure before publishing")
    assert (tmp_path / "x.pdf").read_bytes() == b"new" and old_page.read_bytes() == b"page 2 of an earlier proof"
    assert names(tmp_path) == ["x-2.png", "x.pdf"]


def test_an_error_about_a_temporary_file_names_the_target(tmp_path):
    target = tmp_path / "booklet.pdf"
    with pytest.raises(OSError) as caught:
        with replacing(target) as temp:
            raise OSError(errno.ENOSPC, "No space left on device", str(temp))
    assert str(caught.value) == f"[Errno 28] No space left on device: '{target}'"
    with pytest.raises(OSError) as caught:
        with together() as files:
            temp = files.temp(tmp_path / "proofs" / "okafor.pdf")
            raise OSError(errno.ENOSPC, "No space left on device", str(temp))
    assert caught.value.filename == str(tmp_path / "proofs" / "okafor.pdf")
    with pytest.raises(OSError) as caught:
        with replacing(target):
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(tmp_path / "photo.jpg"))
    assert caught.value.filename == str(tmp_path / "photo.jpg")  # not ours: left as it is
    assert names(tmp_path) == []  # the folder made for the proofs is gone again: nothing was published


def test_many_files_in_one_folder_look_the_folders_up_once(tmp_path, monkeypatch):
    """1,900 proofs in one folder: the folders above it are looked up (and the folder made) for the first file only,
    not again for each (7 system calls a proof); what is made and published, and undone on failure, is as before."""
    looked, made = [], []
    lexists, mkdir = os.path.lexists, atomic.Path.mkdir
    monkeypatch.setattr(atomic.os.path, "lexists", lambda path: looked.append(path) or lexists(path))
    monkeypatch.setattr(atomic.Path, "mkdir", lambda self, *a, **k: made.append(self) or mkdir(self, *a, **k))
    folder = tmp_path / "round" / "proofs"
    with together() as files:
        for number in range(50):
            (files.temp(folder / f"p{number}.pdf")).write_bytes(b"%%PDF- %d" % number)
    # once: each folder from the root down, and the folder made (its parent on the way); before, 50 times over
    assert len(looked) == len(folder.parts) and len(made) <= 3 and set(made) == {folder, folder.parent}
    assert names(folder) == sorted(f"p{number}.pdf" for number in range(50))
    assert (folder / "p7.pdf").read_bytes() == b"%PDF- 7"
    with pytest.raises(OSError) as caught:  # nothing published: the folders made for it removed, as before
        with together() as files:
            for number in range(3):
                files.temp(tmp_path / "next" / "proofs" / f"p{number}.pdf")
            temp = files.temps[tmp_path / "next" / "proofs" / "p1.pdf"]
            raise OSError(errno.ENOSPC, "No space left on device", str(temp))
    assert caught.value.filename == str(tmp_path / "next" / "proofs" / "p1.pdf")
    assert names(tmp_path) == ["round"]


def test_a_target_in_place_of_a_folder_is_named(tmp_path):
    (tmp_path / "print").write_text("a file where the folder should be")
    with pytest.raises(NotADirectoryError) as caught:
        write_bytes(tmp_path / "print" / "booklet.pdf", b"%PDF-")
    assert caught.value.filename == str(tmp_path / "print" / "booklet.pdf")


def test_temporary_names_fit_beside_a_target_with_a_long_name(tmp_path):
    target = tmp_path / ("é" * 120 + ".pdf")  # 244 bytes: fits, and so must its temporary file
    temp = temporary_beside(target)
    assert len(temp.name.encode()) <= 255
    temp.unlink()
    write_files({target: b"data", tmp_path / "short.pdf": b"more"})
    assert target.read_bytes() == b"data" and names(tmp_path) == sorted([target.name, "short.pdf"])


def test_published_files_get_the_permissions_of_a_new_file(tmp_path):
    mask = os.umask(0o022)
    try:
        write_files({tmp_path / "a.csv": b"x"})
    finally:
        os.umask(mask)
    assert (tmp_path / "a.csv").stat().st_mode & 0o777 == 0o644


def test_a_read_only_output_is_not_replaced_and_the_command_says_so(tmp_path):
    """A read-only file in the output's place stays as it is (a rename would get round its permissions, root's
    too): the build stops before writing, naming it; nothing is left beside it."""
    from pathlib import Path

    from click.testing import CliRunner

    from booklet.cli import main
    from .helpers import write_conference

    out = tmp_path / "booklet.pdf"
    out.write_bytes(b"%PDF-1.4 kept")  # (an earlier booklet: a file that is no PDF is refused before, see test_start)
    out.chmod(0o444)
    result = CliRunner().invoke(main, ["build", str(write_conference(tmp_path / "conf")), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"booklet: cannot write {out}: the file is read-only; nothing was written.\n"
    assert out.read_bytes() == b"%PDF-1.4 kept" and sorted(p.name for p in tmp_path.iterdir()) == ["booklet.pdf", "conf"]
    with pytest.raises(PermissionError):
        write_bytes(out, b"new")
    out.chmod(0o644)
    write_bytes(out, b"new")
    assert out.read_bytes() == b"new" and Path(out).stat().st_mode & 0o777 == 0o644


def test_a_device_in_the_outputs_place_is_refused_before_anything_is_made():
    """`-o /dev/null` renamed a file over the device (as root: /dev/null became a file for every program)."""
    from pathlib import Path

    before = set(os.listdir("/dev"))
    with pytest.raises(OSError) as raised:
        temporary_beside(Path("/dev/null"))
    made = {name for name in set(os.listdir("/dev")) - before if name.startswith(".null.")}
    for name in made:  # (only if the refusal failed, and only the temporary file it made)
        os.unlink(os.path.join("/dev", name))
    assert not made and raised.value.filename == "/dev/null" and raised.value.errno == errno.EINVAL
    assert raised.value.strerror == "it is a device, not a file; booklet writes its output to a file"


def test_an_output_link_is_written_through_and_a_pipe_is_refused(tmp_path):
    """A fuzzing run: `-o link.pdf` (a link to the LOC's shared copy) replaced the link with a file, the copy left
    old; `-o fifo` turned a pipe into a file; `-o /dev/stdout` (a link to the terminal or a pipe) replaced the
    machine's /dev/stdout. A link is written through, and stays; a pipe, or a link to one, is refused."""
    from click.testing import CliRunner

    from booklet.cli import main
    from .helpers import write_conference

    data = write_conference(tmp_path / "conf")
    shared = tmp_path / "shared" / "booklet.pdf"
    shared.parent.mkdir()
    shared.write_bytes(b"%PDF- old")  # (an earlier booklet: a file that is no PDF is refused)
    link = tmp_path / "link.pdf"
    link.symlink_to(shared)
    result = CliRunner().invoke(main, ["build", str(data), "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and shared.read_bytes().startswith(b"%PDF")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    pipe_link = tmp_path / "to-fifo.pdf"
    pipe_link.symlink_to(fifo)
    for target, said in ((fifo, "it is a pipe or a socket, not a file"),
                         (pipe_link, "it is a link to a device, a pipe or a socket, not to a file")):
        result = CliRunner().invoke(main, ["build", str(data), "-o", str(target)])
        assert result.exit_code == 1
        assert result.stderr == (f"booklet: cannot write {target}: {said}; booklet writes its output to a file; "
                                 "nothing was written.\n")
    assert fifo.exists() and not fifo.is_file() and pipe_link.is_symlink()
    assert sorted(names(tmp_path)) == ["conf", "fifo", "link.pdf", "shared", "to-fifo.pdf"]


def test_temporary_files_a_killed_build_left_beside_its_output_are_removed_an_hour_on(tmp_path, monkeypatch):
    """A build killed outright (by the system, short of memory) while it wrote its PDF left `.booklet.pdf.<random>.part`
    (and, in parts, `.booklet.pdf.part<i>`) beside it for good: nothing swept the output's folder. A build of that
    output removes those written more than ABANDONED seconds ago; a newer one (a live build's), another file's and
    anything else of the folder stay."""
    import time

    from booklet.build import build_booklet

    from .helpers import write_conference

    monkeypatch.setenv("BOOKLET_CACHE", "off")
    out = tmp_path / "out"
    out.mkdir()
    stale = [".booklet.pdf.1a2b3c4d.part", ".booklet.pdf.part1", ".booklet.pdf.5e6f7a8b.full.pdf",
             ".booklet.pdf.9c0d1e2f.old"]
    kept = [".booklet.pdf.0a0b0c0d.part", ".other.pdf.1a2b3c4d.part", ".booklet.pdf.notmine.part", "notes.part",
            ".booklet.pdf.part1.txt"]
    hours_ago = time.time() - getattr(atomic, "ABANDONED", 3600) - 60
    for name in stale + kept:
        (out / name).write_bytes(b"x")
        if name != kept[0]:  # (the one newer: a live build's)
            os.utime(out / name, (hours_ago, hours_ago))
    folder = write_conference(tmp_path / "conf")
    build_booklet(folder, out / "booklet.pdf", jobs=1)
    assert names(out) == sorted([*kept, "booklet.pdf"])


def _left_in(folder, stale: list[str], kept: list[str]) -> None:
    """`stale` and `kept` written in `folder`, each written more than ABANDONED seconds ago but kept[0], written now (a
    live process's)."""
    import time

    hours_ago = time.time() - atomic.ABANDONED - 60
    folder.mkdir(parents=True, exist_ok=True)
    for name in stale + kept:
        (folder / name).write_bytes(b"x")
        if name != kept[0]:
            os.utime(folder / name, (hours_ago, hours_ago))


def test_temporary_files_a_killed_proofs_run_left_beside_its_proofs_are_removed_an_hour_on(tmp_path, monkeypatch):
    """`booklet proofs` killed outright while it wrote left `.lund-2026.pdf.<random>.part` (and its PNGs' and the
    manifest's) in the proofs folder for good: only a build swept beside its output. A proofs run removes those of the
    files it writes that were written more than ABANDONED seconds ago; a newer one (a live run's), another file's and
    anything else of the folder stay, and the proofs are written whole."""
    from click.testing import CliRunner
    from pypdf import PdfReader

    from booklet.cli import main

    from .helpers import write_conference

    monkeypatch.setenv("BOOKLET_CACHE", "off")
    out = tmp_path / "out"
    stale = [".lund-2026.pdf.1a2b3c4d.part", ".manifest.csv.5e6f7a8b.part", ".okafor-1.png.9c0d1e2f.part",
             ".bayes-intro.pdf.1a2b3c4d.old"]
    kept = [".lund-2026.pdf.0a0b0c0d.part", ".other.pdf.1a2b3c4d.part", ".lund-2026.pdf.notmine.part", "notes.part"]
    _left_in(out, stale, kept)
    result = CliRunner().invoke(main, ["proofs", str(write_conference(tmp_path / "conf")), "--out", str(out), "--png"])
    assert result.exit_code == 0, result.output
    proofs = ["bayes-intro", "chair-mei-chen", "lund-2026", "okafor", "poster-zoe-papadopoulou"]
    assert names(out) == sorted([*kept, "manifest.csv", *(f"{p}.pdf" for p in proofs), *(f"{p}-1.png" for p in proofs)])
    assert len(PdfReader(out / "lund-2026.pdf").pages) == 1 and (out / "manifest.csv").read_text("utf-8-sig").count(
        "\n") == 6


def test_temporary_files_a_killed_impose_left_beside_its_output_are_removed_an_hour_on(tmp_path):
    """`booklet impose` killed outright while it wrote left `.spreads.pdf.<random>.part` beside its output for good.
    An impose of that output removes those written more than ABANDONED seconds ago, and nothing else."""
    from click.testing import CliRunner
    from pypdf import PdfReader

    from booklet.cli import main

    from .printpdfs import numbered_pdf

    out = tmp_path / "out"
    stale = [".spreads.pdf.1a2b3c4d.part", ".spreads.pdf.9c0d1e2f.old"]
    kept = [".spreads.pdf.0a0b0c0d.part", ".in.pdf.1a2b3c4d.part", "notes.part"]
    _left_in(out, stale, kept)
    source = numbered_pdf(tmp_path / "in.pdf", 8)
    result = CliRunner().invoke(main, ["impose", str(source), "-o", str(out / "spreads.pdf"), "--sheet", "a3"])
    assert result.exit_code == 0, result.output
    assert names(out) == sorted([*kept, "spreads.pdf"])
    assert len(PdfReader(out / "spreads.pdf").pages) == 4


def test_temporary_files_a_killed_import_left_in_its_folder_are_removed_an_hour_on(tmp_path):
    """`booklet import` killed outright while it wrote the folder left `.abstracts.yaml.<random>.part` there for good.
    An import into the folder (`--update`) removes those of the files it writes written more than ABANDONED seconds
    ago, and nothing else."""
    import csv

    import yaml
    from click.testing import CliRunner

    from booklet.cli import main

    source, folder = tmp_path / "p.csv", tmp_path / "conf"

    def write(title: str) -> None:
        with open(source, "w", newline="", encoding="utf-8") as file:
            csv.writer(file).writerows([["Date", "Start", "End", "Title", "Speaker", "Abstract"],
                                        ["2024-03-04", "11:00", "11:20", title, "A. Smith", "First."]])

    write("Talk one")
    assert CliRunner().invoke(main, ["import", str(source), "--out", str(folder)]).exit_code == 0
    before = names(folder)
    stale = [".abstracts.yaml.1a2b3c4d.part", ".programme.yaml.5e6f7a8b.part", "..booklet-import.json.9c0d1e2f.part"]
    kept = [".abstracts.yaml.0a0b0c0d.part", ".notes.yaml.1a2b3c4d.part", "notes.part"]
    _left_in(folder, stale, kept)
    write("Talk one, revised")
    atomic._SWEPT.clear()  # (once a process and target: the first import, in this process too, swept before)
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(folder), "--update"])
    assert result.exit_code == 0, result.output
    assert names(folder) == sorted([*before, *kept])
    assert [a["title"] for a in yaml.safe_load((folder / "abstracts.yaml").read_text("utf-8"))] == ["Talk one, revised"]


def test_a_first_import_killed_while_it_published_does_not_stop_the_next(tmp_path):
    """A first import killed outright while it published left only its temporary files in the new folder: the next
    import took them for the LOC's files ("... is not empty (.abstracts.yaml.1a2b3c4d.part)") and refused. Those
    written more than ABANDONED seconds ago are not counted, and are removed; a fresh one (a live import's) is."""
    from click.testing import CliRunner

    from booklet.cli import main

    source, folder = tmp_path / "p.csv", tmp_path / "conf"
    source.write_text("Date,Start,End,Title,Speaker,Abstract\n2024-03-04,11:00,11:20,Talk one,A. Smith,First.\n",
                      encoding="utf-8")
    _left_in(folder, [".abstracts.yaml.1a2b3c4d.part", ".conference.yaml.5e6f7a8b.part"],
             [".programme.yaml.0a0b0c0d.part"])
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(folder)])
    assert result.exit_code == 1
    assert "is not empty (.programme.yaml.0a0b0c0d.part)" in result.output
    (folder / ".programme.yaml.0a0b0c0d.part").unlink()
    atomic._SWEPT.clear()
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    assert not [name for name in names(folder) if name.endswith(".part")]
    assert (folder / "abstracts.yaml").read_text("utf-8").count("Talk one") == 1


def test_temporary_files_a_killed_preview_left_beside_its_pngs_are_removed_an_hour_on(tmp_path, monkeypatch):
    """`booklet preview` killed outright while it wrote a page's PNG left `.page-1.png.<random>.part` in its folder for
    good. A preview of that page removes those written more than ABANDONED seconds ago, and nothing else."""
    from click.testing import CliRunner

    from booklet.cli import main

    from .helpers import write_conference

    monkeypatch.setenv("BOOKLET_CACHE", "off")
    out = tmp_path / "out"
    stale = [".page-01.png.1a2b3c4d.part"]
    kept = [".page-01.png.0a0b0c0d.part", ".page-02.png.1a2b3c4d.part", "notes.part"]
    _left_in(out, stale, kept)
    result = CliRunner().invoke(main, ["preview", str(write_conference(tmp_path / "conf")), "--out", str(out),
                                       "--pages", "1"])
    assert result.exit_code == 0, result.output
    assert names(out) == sorted([*kept, "page-01.png"])
    assert (out / "page-01.png").read_bytes().startswith(b"\x89PNG")


def test_a_staging_folder_a_killed_import_left_beside_its_folder_is_removed_an_hour_on(tmp_path):
    """`booklet import` killed outright while it checked the data (the long part, and the one that uses memory) left its
    staging folder `.conf.import-<random>` beside the data folder for good, with links to the folder's files. An import
    into that folder removes those written more than ABANDONED seconds ago (the links, not what they name); a newer one
    (a live import's) and another folder's stay."""
    import time

    from click.testing import CliRunner

    from booklet.cli import main

    source, folder = tmp_path / "p.csv", tmp_path / "conf"
    source.write_text("Date,Start,End,Title,Speaker,Abstract\n2024-03-04,11:00,11:20,Talk one,A. Smith,First.\n",
                      "utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text("kept: true\n", "utf-8")
    hours_ago = time.time() - atomic.ABANDONED - 60
    stale, kept = [".conf.import-ab12cd_3"], [".conf.import-fresh123", ".other.import-ab12cd_3", ".conf.import-x"]
    for name in stale + kept:
        (tmp_path / name).mkdir()
        os.symlink(mine, tmp_path / name / "mine.yaml")
        if name != kept[0]:
            os.utime(tmp_path / name, (hours_ago, hours_ago))
    result = CliRunner().invoke(main, ["import", str(source), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    assert names(tmp_path) == sorted([*kept, "conf", "mine.yaml", "p.csv"])
    assert mine.read_text("utf-8") == "kept: true\n" and (folder / "abstracts.yaml").is_file()


def test_a_temporary_file_named_for_later_is_made_by_its_writer_and_removed_on_failure(tmp_path):
    """Together.later names a temporary file without making it (its folder is made, its target checked, now); the
    writer makes it (made_new) when it writes it. On a failure, what was made is removed, and the folder made for it;
    a name never made leaves nothing to remove; a read-only target is refused before anything is made."""
    out = tmp_path / "proofs"
    with pytest.raises(RuntimeError):
        with together() as files:
            made, never = files.later(out / "a.pdf"), files.later(out / "b.pdf")
            assert out.is_dir() and names(out) == []
            handle, name = atomic.made_new(made, out / "a.pdf")
            os.write(handle, b"half a proof")
            os.close(handle)
            assert name == made and names(out) == [os.path.basename(made)]
            raise RuntimeError("a failure before publishing")
    assert not out.exists() and not os.path.lexists(never)

    with together() as files:
        handle, _ = atomic.made_new(files.later(out / "a.pdf"), out / "a.pdf")
        os.write(handle, b"a proof")
        os.close(handle)
        files.later(out / "b.pdf")
        files.drop(out / "b.pdf")  # not written after all: it was never made
    assert names(out) == ["a.pdf"] and (out / "a.pdf").read_bytes() == b"a proof"

    (out / "a.pdf").chmod(0o444)
    with pytest.raises(PermissionError) as refused:
        with together() as files:
            files.later(out / "a.pdf")
    assert refused.value.filename == str(out / "a.pdf") and names(out) == ["a.pdf"]


def test_sweeping_beside_many_files_in_one_folder_resolves_the_folder_once(tmp_path, monkeypatch):
    """The sweep beside 50 proofs in a folder reached through a link resolves that folder once (before: every
    folder above each file, again for each: 19,000 lstat calls for 1,900 proofs, twice a run), a proof that is a
    link whole (its temporary files are beside what it names); what it removes is as before: the old temporary
    files of those files, in the folder they are in, and nothing newer."""
    import time

    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "via").symlink_to(real)  # the proofs' folder, through a link
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.pdf").write_bytes(b"%PDF-")
    (real / "p3.pdf").symlink_to(elsewhere / "x.pdf")
    stale = [real / ".p1.pdf.1a2b3c4d.part", elsewhere / ".x.pdf.1a2b3c4d.part"]
    fresh = [real / ".p2.pdf.1a2b3c4d.part", real / ".p3.pdf.1a2b3c4d.part"]  # (p3's are beside x.pdf)
    old = time.time() - 2 * atomic.ABANDONED
    for path in [*stale, *fresh]:
        path.write_bytes(b"")
        os.utime(path, (old, old) if path in stale else None)
    os.utime(fresh[1], (old, old))
    resolved = []
    realpath = os.path.realpath
    monkeypatch.setattr(atomic.os.path, "realpath", lambda path: resolved.append(path) or realpath(path))
    atomic.swept_beside_each([tmp_path / "via" / f"p{number}.pdf" for number in range(50)])
    assert resolved == [str(tmp_path / "via"), str(tmp_path / "via" / "p3.pdf")]
    assert not any(os.path.lexists(path) for path in stale) and all(path.exists() for path in fresh)


def test_a_copy_made_is_a_file_of_its_own_and_never_replaces_one_there(tmp_path, monkeypatch):
    """atomic.copy_made makes its temporary file new as a copy (not a link: one edited in place leaves the other as it
    was); a file already at that name is left as it is (an OSError), not removed as a half copy; where the kernel
    cannot copy (no sendfile), the bytes are read and written."""
    source = tmp_path / "proof.pdf"
    source.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 4000)
    copy = tmp_path / ".proof.pdf.x1.part"
    atomic.copy_made(source, copy)
    assert copy.read_bytes() == source.read_bytes() and copy.stat().st_ino != source.stat().st_ino
    there = tmp_path / ".other.part"
    there.write_bytes(b"someone else's")
    with pytest.raises(FileExistsError):
        atomic.copy_made(source, there)
    assert there.read_bytes() == b"someone else's"
    monkeypatch.setattr(atomic, "_cloned", lambda source, copy: False)
    monkeypatch.delattr(atomic.os, "sendfile")
    read = tmp_path / ".read.part"
    atomic.copy_made(source, read)
    assert read.read_bytes() == source.read_bytes()


def test_a_copy_made_new_is_of_the_file_expected_or_none(tmp_path, monkeypatch):
    """atomic.copy_new (proofs' copies made while the booklet builds): a new temporary file beside the target, named as
    a temporary file of it, holding the source's bytes; none made when `expected` refuses the source (another file),
    when the source is a link or not there, and none left when the source changed while it was copied."""
    source = tmp_path / "first" / "proof.pdf"
    source.parent.mkdir()
    source.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 400)
    target = tmp_path / "next" / "proof.pdf"
    target.parent.mkdir()
    seen = []
    name = atomic.copy_new(source, target, lambda info: seen.append(info.st_ino) or True)
    assert os.path.dirname(name) == str(target.parent) and os.path.basename(name).startswith(".proof.pdf.")
    assert name.endswith(".part") and open(name, "rb").read() == source.read_bytes()
    assert seen == [source.stat().st_ino] * 2 and os.stat(name).st_ino != source.stat().st_ino
    assert not target.exists()
    os.unlink(name)
    assert atomic.copy_new(source, target, lambda info: False) is None
    (tmp_path / "link.pdf").symlink_to(source)
    assert atomic.copy_new(tmp_path / "link.pdf", target, lambda info: True) is None
    assert atomic.copy_new(tmp_path / "gone.pdf", target, lambda info: True) is None
    before = source.stat()
    real = atomic._copied

    def changed_meanwhile(original, copy):
        real(original, copy)
        source.write_bytes(b"%PDF-1.4 changed")

    monkeypatch.setattr(atomic, "_copied", changed_meanwhile)
    monkeypatch.setattr(atomic, "_cloned", lambda original, copy: False)
    expected = lambda info: (info.st_size, info.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert atomic.copy_new(source, target, expected) is None
    assert sorted(os.listdir(target.parent)) == []


def test_a_file_system_without_clones_is_asked_for_one_once(tmp_path, monkeypatch):
    """copy_made asks for a clone (FICLONE) of a device until its file system says it has none (ext4: EOPNOTSUPP), then
    copies without asking: proofs copy the last run's files by the thousand. A refusal for another reason (EXDEV:
    another device) is no answer for the next file. Every copy is the source's bytes, in a file of its own."""
    import fcntl

    asked = []

    def ioctl(copy, request, source):
        asked.append(request)
        raise OSError(refusal, os.strerror(refusal))

    monkeypatch.setattr(fcntl, "ioctl", ioctl)
    monkeypatch.setattr(atomic, "_NO_CLONES", set())
    source = tmp_path / "proof.pdf"
    source.write_bytes(b"%PDF-1.4 " + bytes(range(256)) * 900)
    refusal = errno.EXDEV
    for name in ("a", "b"):
        atomic.copy_made(source, tmp_path / f".{name}.part")
    assert asked == [atomic.FICLONE] * 2
    refusal = errno.EOPNOTSUPP
    for name in ("c", "d", "e"):
        atomic.copy_made(source, tmp_path / f".{name}.part")
    assert asked == [atomic.FICLONE] * 3
    for name in "abcde":
        copy = tmp_path / f".{name}.part"
        assert copy.read_bytes() == source.read_bytes() and copy.stat().st_ino != source.stat().st_ino


CANNOT_WRITE_ALONE = """
import json, sys
from booklet.output.atomic import cannot_write
try:
    open(sys.argv[1], "wb")
except OSError as exc:
    said = cannot_write(exc, sys.argv[1])
print(json.dumps({"said": said, "modules": sorted(m for m in sys.modules if m.startswith("booklet"))}))
"""


def test_an_output_under_a_looping_link_is_named_so_without_the_data_stage(tmp_path):
    """cannot_write names a folder on the way that is a symbolic link in a loop in the words a data folder that is
    one is named in (booklet.paths.LOOPING), and writing reaches no module of the data stage for them: they were
    imported from data.load."""
    loop = tmp_path / "loop"
    loop.symlink_to("loop")
    done = subprocess.run([sys.executable, "-c", CANNOT_WRITE_ALONE, str(loop / "booklet.pdf")], capture_output=True,
                          text=True, cwd=ROOT, check=True)
    report = json.loads(done.stdout)
    assert report["said"] == (f"cannot write {loop / 'booklet.pdf'}: {loop}: not a folder: it is a symbolic link in "
                              "a loop (it points, in the end, to itself)")
    assert not [name for name in report["modules"] if name.startswith("booklet.data")]


def test_a_link_to_a_file_not_a_pdf_is_refused_as_a_link(tmp_path):
    """`-o booklet.pdf`, a link to the LOC's notes: the refusal said "booklet.pdf: it is a file, and not a PDF", of a
    name that ends in .pdf; it names the link's file, the one that would be replaced."""
    from booklet.problems import Refused

    (tmp_path / "notes.csv").write_text("a,b\n")
    (tmp_path / "booklet.pdf").symlink_to("notes.csv")
    with pytest.raises(Refused) as refused:
        atomic.refuse_no_pdf([tmp_path / "booklet.pdf"], "proof.pdf")
    assert str(refused.value) == (f"will not write {tmp_path / 'booklet.pdf'}: it is a link to {os.path.realpath(tmp_path / 'notes.csv')}"
                                  ", a file that is not a PDF, which booklet would replace; give another name, like: "
                                  f"{tmp_path / 'proof.pdf'}")
    assert (tmp_path / "notes.csv").read_text() == "a,b\n"


@pytest.mark.parametrize("link", [False, True])
def test_a_file_not_a_pdf_named_as_the_example_is_not_told_to_be_named_so(tmp_path, link):
    """`build -o booklet.pdf`, booklet.pdf a file that is no PDF (or a link to one): the refusal told to give
    another name, "like: booklet.pdf", the very name refused; it names one not taken."""
    from booklet.problems import Refused

    (tmp_path / "notes.csv").write_text("a,b\n")
    if link:
        (tmp_path / "booklet.pdf").symlink_to("notes.csv")
    else:
        (tmp_path / "booklet.pdf").write_text("a,b\n")
    with pytest.raises(Refused) as refused:
        atomic.refuse_no_pdf([tmp_path / "booklet.pdf"])
    assert str(refused.value).endswith(f"; give another name, like: {tmp_path / 'booklet-2.pdf'}")
