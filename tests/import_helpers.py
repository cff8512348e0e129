"""For the import tests: an Imported written as a booklet data folder (plain yaml.safe_dump, not the
importer's own writer) and read back by booklet's validator."""

from __future__ import annotations

from pathlib import Path

import yaml

from booklet.data.validate import read_booklet
from booklet.problems import DataError


def write_folder(imported, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, document in imported.documents.items():
        (folder / name).write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def read_back(imported, folder: Path):
    """The Booklet model of the written folder; AssertionError listing every error when it is invalid."""
    write_folder(imported, folder)
    try:
        booklet, _warnings = read_booklet(folder)
    except DataError as e:
        raise AssertionError("the imported folder has errors:\n" + "\n".join(str(p) for p in e.problems)) from None
    return booklet


def by_id(records):
    """Records by their id."""
    return {r["id"]: r for r in records}


def items_of(day):
    """Every programme item of an imported day, sessions and parallel tracks flattened."""
    for item in day["items"]:
        if "session" in item:
            yield from item["items"]
        elif "parallel" in item:
            for s in item["parallel"]:
                yield from s["items"]
        else:
            yield item


def refused_on_import(read, path: Path, expected: str, out: Path) -> None:
    """An import refused: `read(path, Options())` raises SourceError saying `expected`, and `booklet import path --out
    out` exits 1 saying it, without a traceback, and writes nothing."""
    import pytest
    from click.testing import CliRunner

    from booklet.cli import main
    from booklet.importers import Options, SourceError

    with pytest.raises(SourceError) as raised:
        read(path, Options())
    assert str(raised.value) == expected
    result = CliRunner().invoke(main, ["import", str(path), "--out", str(out)])
    assert result.exit_code == 1 and expected in result.output and "Traceback" not in result.output
    assert not out.exists()
