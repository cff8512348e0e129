"""Command-line words -> library calls; the only place that prints messages and sets the exit status."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from .layout.page import PAGE_SIZES
from .problems import DataError, Problem


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def _summary(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="booklet")
def main() -> None:
    """Turn a conference's YAML data into a print-ready programme booklet (PDF).

    \b
    Example:
      booklet check data
      booklet build data -o booklet.pdf
    """


@main.command()
@click.argument("data_dir", default="data", type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--output", default="booklet.pdf", show_default=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the PDF (replaced only when the build succeeds).")
@click.option("--page-size", type=click.Choice(list(PAGE_SIZES), case_sensitive=False), default="A5",
              show_default=True, help="Trim size of the booklet.")
def build(data_dir: Path, output: Path, page_size: str) -> None:
    """Build the booklet PDF from DATA_DIR (default: data).

    \b
    Example:
      booklet build my-conference -o programme.pdf --page-size A4
    """
    from .build import build_booklet

    size = {k.lower(): k for k in PAGE_SIZES}[page_size.lower()]
    with reporting_errors(output):
        result = build_booklet(data_dir, output, size)
    _print_problems(result.warnings)
    click.echo(f"Wrote {result.output} ({result.pages} pages, {size}).")


@main.command()
@click.argument("data_dir", default="data", type=click.Path(file_okay=False, path_type=Path))
def check(data_dir: Path) -> None:
    """Check DATA_DIR (default: data) and print every problem found; writes nothing.

    \b
    Example:
      booklet check my-conference
    """
    from .validate import read_booklet

    with reporting_errors():
        _, warnings = read_booklet(data_dir)
    _print_problems(warnings)
    click.echo(f"{data_dir}: {_summary(warnings)}.")


def _fail(exc: DataError):
    _print_problems(exc.problems)
    click.echo(f"{_summary(exc.problems)}; nothing was written.", err=True)
    sys.exit(1)


@contextmanager
def reporting_errors(output: Path | None = None):
    """Bad data, an unwritable output or an unexpected failure -> a message and exit status 1, never a traceback."""
    try:
        yield
    except DataError as exc:
        _fail(exc)
    except OSError as exc:
        target = exc.filename or output
        click.echo(f"booklet: cannot write {target}: {exc.strerror or exc}; nothing was written.", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug in booklet: say so plainly, keep the earlier output
        click.echo(f"booklet: internal error ({type(exc).__name__}: {exc}); nothing was written. "
                   "Please report this with the data that caused it.", err=True)
        sys.exit(2)
