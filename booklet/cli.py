"""Command-line words -> library calls; the only place that prints messages and sets the exit status."""

from __future__ import annotations

import gc

_COLLECTING = gc.isenabled()
gc.disable()  # until this module is made (see its end)

import errno  # noqa: E402
import os  # noqa: E402
import shlex  # noqa: E402
import signal  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from contextlib import contextmanager, suppress  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import NoReturn  # noqa: E402

import click  # noqa: E402

from .cache import generated, patterns  # noqa: E402

generated.seed()  # before booklet's dataclasses are made: their methods' code kept by an earlier process
from .layout.page import PAGE_SIZES  # noqa: E402
from .printing.paper import INK_LIMIT, INK_LIMITS  # noqa: E402
from .problems import DataError, Problem, Refused, listed, long_quotes_cut  # noqa: E402
from .processes import MAX_JOBS  # noqa: E402


# The exit status: 0 done (warnings or not), 1 bad input (data, a source, a file that cannot be written, a PDF not fit to
# print), 2 a command line booklet cannot take (Click's usage error, as most command-line tools have it), 130 and 143
# stopped by Ctrl-C or SIGTERM (_Stopped), and this:
INTERNAL_ERROR = 3  # a fault in booklet itself, not in what it was given (it was 2, a usage error's)
_EXITS = False  # set by run: the process ends (os._exit) once the command returns


def run() -> None:
    """The `booklet` console command: `main`, then a quick exit (nothing left to clean up but memory)."""
    global _EXITS
    _EXITS = True
    signal.signal(signal.SIGTERM, _interrupted)
    try:
        main(prog_name="booklet")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
    except OSError as exc:  # what the command printed could not be written (a full disk, a closed pipe)
        code = _unprinted(exc)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # (the process ends now: a second SIGTERM does not stop that)
    atomic = sys.modules.get("booklet.output.atomic")  # (not imported: nothing written)
    if atomic is not None:
        atomic.left_behind()  # a Ctrl-C or SIGTERM may come between making a temporary file and its `finally`
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError as exc:
            code = code or _unprinted(exc)
    os._exit(code)


_PRINTING = frozenset(getattr(errno, name) for name in ("EPIPE", "ENOSPC", "EIO", "EDQUOT", "EFBIG", "EBADF", "EAGAIN")
                      if hasattr(errno, name))  # what writing to a full disk, a closed pipe or a lost terminal raises


def _unprinted(exc: OSError) -> int:
    """Exit status 1 and, where standard error takes it, a line saying that the command's messages could not be
    printed (every file a command writes is written, or refused, with a message of its own before this); any other
    system error that reached here, named as it is."""
    printing = exc.errno in _PRINTING and exc.filename is None
    with suppress(OSError, ValueError):
        sys.stdout = open(os.devnull, "w")  # (what is left in the old one's buffer is not tried again)
        what = "cannot print the command's output" if printing else (exc.filename or "a system error")
        os.write(2, f"booklet: {what}: {exc.strerror or exc}\n".encode())
    return 1


def _ending(with_its_build: bool = False) -> None:
    """In a process that ends with the command (see run), the build's objects are left for its end to reclaim;
    `with_its_build`: the command is a build (cache.disk.ending)."""
    if _EXITS:
        from .cache.disk import ending

        ending(with_its_build)


def _say(message: str = "", err: bool = False) -> None:
    """Print one of booklet's messages: each value it quotes (a note's time cell, a path) cut to its start and end when
    it is longer than a few hundred characters (problems.long_quotes_cut: where a data problem's and an import's
    error are cut), so that no message repeats a page of pasted text."""
    click.echo(long_quotes_cut(message), err=err)


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        _say(str(problem), err=True)


def _summary(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


@contextmanager
def _usage_cut():
    """Click's usage error (`Error: Invalid value for '--reply-by': '...' is not a date`) with a value it quotes cut
    as booklet's own messages cut theirs (_say): a value of 100,000 characters was repeated whole."""
    try:
        yield
    except click.ClickException as exc:
        exc.message = long_quotes_cut(exc.message)
        raise


class _Commands(click.Group):
    """booklet's commands, read by Click; a usage error cut as booklet's own messages are (_usage_cut), while the
    command line is read (make_context) and while a command's own is (invoke); a fault in booklet outside a command's
    reporting_errors (printing what it did, `booklet schema`'s JSON) said and exit status 3 as one inside it, not a
    traceback and 1, bad input's status."""

    def make_context(self, *args, **kwargs):
        with _usage_cut():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with _usage_cut():
            try:
                return super().invoke(ctx)
            except (click.ClickException, click.exceptions.Exit, click.Abort, OSError):
                raise  # (Click's own, and a system error: `run` says that what was printed could not be)
            except KeyboardInterrupt:  # (Click's words were "Aborted!", exit status 1, bad input's)
                raise _Stopped() from None
            except Exception as exc:
                _internal_error(exc)


class _Stopped(click.ClickException):
    """A command stopped by Ctrl-C (SIGINT) or SIGTERM (`kill`, `timeout`) before it was done: said so, with what it
    leaves (every output is written beside its place and renamed into it only when complete, see output.atomic), and
    the shell's exit status for a command a signal stopped, 128 + the signal's number (130, 143)."""

    def __init__(self):
        self.by = _STOPPED_BY
        super().__init__(f"stopped ({'SIGTERM' if self.by == signal.SIGTERM else 'Ctrl-C'}) before it was done; no "
                         "file was left half-written")
        self.exit_code = 128 + int(self.by)

    def show(self, file=None) -> None:
        _say(f"booklet: {self.message}.", err=True)


_STOPPED_BY = signal.SIGINT  # what stopped the command: SIGTERM once _interrupted has seen it


def _internal_error(exc: Exception, unwritten: str = "") -> NoReturn:
    """A bug in booklet, said plainly (`unwritten`: "; nothing was written", where that is so): exit INTERNAL_ERROR."""
    _say(f"booklet: internal error ({type(exc).__name__}: {exc}){unwritten}. Please report this with the data that "
         "caused it.", err=True)
    sys.exit(INTERNAL_ERROR)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="booklet")
def main() -> None:
    """Turn a conference's YAML data into a print-ready programme booklet (PDF).

    \b
    Example:
      booklet check data
      booklet build data -o booklet.pdf
    """
    import logging

    # pypdf logs what it makes of a damaged file ("EOF marker not found") straight to the terminal; a file it
    # cannot use is reported by booklet with its file, line and key
    logging.getLogger("pypdf").addHandler(logging.NullHandler())
    logging.getLogger("pypdf").propagate = False


def _interrupted(signum, frame):
    """SIGTERM (`kill`, `timeout`) in the command's process: stopped as cleanly as by Ctrl-C (no temporary file
    left, nothing half written)."""
    global _STOPPED_BY
    _STOPPED_BY = signal.SIGTERM
    raise KeyboardInterrupt


def page_size_option(help_text: str):
    """The --page-size option, the same on every command that lays the booklet out (default: the
    theme's page_size, else A5)."""
    return click.option("--page-size", type=click.Choice(list(PAGE_SIZES), case_sensitive=False), default=None,
                        help=f"{help_text} [default: theme.yaml's page_size, else A5]")


def canonical_size(name: str | None) -> str | None:
    """'a5' -> 'A5': the page size as booklet names it (None stays None: not given)."""
    return {k.lower(): k for k in PAGE_SIZES}[name.lower()] if name else None


def resolved_size(name: str | None, data_dir: Path) -> str:
    """The page size given, else the one the data folder's theme asks for, else A5."""
    from .data.theme import theme_page_size

    return canonical_size(name) or theme_page_size(data_dir)


class ProgressBar:
    """A one-line progress bar on stderr for builds that take more than a moment; only on a terminal."""

    DELAY = 2.0  # seconds before it shows

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() and not os.environ.get("CI")
        self.start = time.monotonic()
        self.shown = False

    def update(self, done: int, total: int) -> None:
        if time.monotonic() - self.start < self.DELAY:
            return
        share = min(1.0, done / total) if total else 0.0
        filled = int(share * 30)
        self.stream.write(f"\rLaying out the booklet [{'#' * filled}{'.' * (30 - filled)}] {share:4.0%}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 70 + "\r")
            self.stream.flush()


class FilePath(click.Path):
    """click.Path, but an empty name is refused: it is no file or folder (it meant the current folder, where
    `proofs --out ""` wrote its files); so is '-' for an output (`build -o -` wrote a file named "-")."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value.strip():
            self.fail("an empty name is no file or folder", param, ctx)
        example = {"impose": "spreads.pdf", "proof": "proof.pdf"}.get(ctx.info_name if ctx else "", "booklet.pdf")
        if value == "-" and param is not None and param.name in ("output", "out_dir", "folder"):  # (an output: other
            # tools' standard output; a file named "-" was written)
            self.fail("'-' is standard output, which booklet writes no output to; give a "
                      + (f"file's name, like: {example}" if not self.dir_okay else "folder's name"), param, ctx)
        if isinstance(value, str) and not self.dir_okay and value.endswith(("/", os.sep)):  # (a file of the folder's
            # name was written: `-o print/` made a file "print")
            self.fail(f"'{value}' names a folder (it ends in '/'), and this is a file; give its name, like: "
                      f"{value}{example}", param, ctx)
        if isinstance(value, str) and param is not None and param.name == "data_dir" and os.path.isfile(value):
            # (`build my-conference/conference.yaml` was told click's "Directory ... is a file.")
            folder = os.path.dirname(value) or "."
            holds = os.path.isfile(os.path.join(folder, "conference.yaml"))
            self.fail(f"'{value}' is a file; give the data folder, the one that holds conference.yaml"
                      + (f": {folder}" if holds else ""), param, ctx)
        if isinstance(value, str) and self.exists and not os.path.exists(value):  # (click's words: "Path 'x' does not
            # exist.", a usage error, exit 2; a missing input is bad input elsewhere: `impose x.pdf`, `build x`)
            given = f"{param.opts[-1]} {value}" if isinstance(param, click.Option) else value  # (`--timetable x`)
            raise _NotThere(f"{given}: a symbolic link to '{os.readlink(value)}', which does not exist"
                            if os.path.islink(value) else f"{given}: no such file" + " or folder" * self.dir_okay)
        # (click's own words were "Directory 'notes.txt' is a file." and "File 'print' is a directory.")
        if isinstance(value, str) and not self.file_okay and os.path.isfile(value):
            self.fail(f"'{value}' is a file, and this is a folder; give a folder's name", param, ctx)
        if isinstance(value, str) and not self.dir_okay and os.path.isdir(value):  # (an input's example is no use)
            self.fail(f"'{value}' is a folder, and this is a file" + ("; give the file" if self.exists else
                      f"; give its name, like: {os.path.join(value, example)}"), param, ctx)
        return super().convert(value, param, ctx)


class _NotThere(click.ClickException):
    """An input the command line names that is not there: bad input (exit 1), said as booklet says it of the input
    of `impose` (`booklet: x.pdf: no such file; nothing was written.`), before anything is read."""

    def show(self, file=None) -> None:
        _say(f"booklet: {self.message}; nothing was written.", err=True)


class Length(click.ParamType):
    """A length option: '3mm', '0.125in', '8pt' or '0', in points, within the option's range (units.RANGES)."""

    name = "length"

    def convert(self, value, param, ctx):
        from .printing.units import check_range, parse_length

        try:
            points = value if isinstance(value, float) else parse_length(value)
            return check_range(param.name.replace("_", "-"), points)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


@main.command()
@click.argument("data_dir", default="data", type=FilePath(file_okay=False, path_type=Path))
@click.option("-o", "--output", default="booklet.pdf", show_default=True, type=FilePath(dir_okay=False, path_type=Path),
              help="Where to write the PDF (its folder made when missing; replaced only when the build succeeds; a "
                   "file there that is not a PDF is refused).")
@page_size_option("Trim size of the booklet.")
@click.option("--bleed", type=Length(), default="3mm", show_default=True,
              help="Bleed beyond the trim on every side (mm, pt or in; 0 for none).")
@click.option("--crop-marks", is_flag=True, help="Draw crop marks outside the bleed.")
@click.option("--pad-to", type=click.Choice(["auto", "1", "4", "8", "16"]), default="auto", show_default=True,
              help="Add ruled Notes pages before the back cover up to a multiple of this page count. 'auto': as the "
                   "binding asks, a multiple of 4 for a saddle-stitched booklet, an even count for a perfect-bound "
                   "book (--cover spread, or more than 96 pages).")
@click.option("--cover", "cover", type=click.Choice(["inline", "separate", "spread"]), default="inline",
              show_default=True,
              help="'separate': the four cover pages go to OUTPUT-cover.pdf, the rest to OUTPUT; 'spread': "
                   "OUTPUT-cover.pdf is the cover of a perfect-bound book, back | spine | front, outside and inside. "
                   "Both files are for print, without links or outline: build 'inline' for a copy to read on screen.")
@click.option("--spine", type=Length(), default=None,
              help="The spine's width for --cover spread (e.g. 12.5mm; your printer's figure). Default: estimated "
                   "from the page count at 0.1 mm a leaf.")
@click.option("--cmyk", is_flag=True, help="CMYK colours and images, for presses that ask for them.")
@click.option("--ink-limit", type=click.IntRange(*INK_LIMITS), default=INK_LIMIT, show_default=True, metavar="PERCENT",
              help="With --cmyk: the most total ink (C + M + Y + K, per cent) a colour or an image may put down, as "
                   "'booklet preflight --ink-limit' checks it; ask your printer (often 300 for coated paper, 260-280 "
                   "for uncoated).")
@click.option("--preflight", "run_preflight", is_flag=True,
              help="Check the result for print (as 'booklet preflight' does); exit 1 if it is not fit (the PDF "
                   "is written all the same, to look at what is wrong).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors: write nothing when there are any.")
@click.option("-j", "--jobs", type=click.IntRange(min=1, max=MAX_JOBS), default=None,
              help="Processes laying the booklet out (default: one per core, for a book big enough to gain).")
def build(data_dir: Path, output: Path, page_size: str, bleed: float, crop_marks: bool, pad_to: str,
          cover: str, spine: float | None, cmyk: bool, ink_limit: int, run_preflight: bool, strict: bool,
          jobs: int | None) -> None:
    """Build the booklet PDF from DATA_DIR (default: data).

    \b
    Examples:
      booklet build my-conference -o programme.pdf --page-size A4
      booklet build --crop-marks --cover separate -o print/booklet.pdf
      booklet build --cover spread --spine 24mm -o print/book.pdf
      booklet build --cmyk --ink-limit 260 --preflight -o print/booklet.pdf
    """
    if spine is not None and cover != "spread":
        raise click.UsageError("--spine is the width of a cover spread's spine: use it with --cover spread")
    if _given("ink_limit") and not cmyk:  # (as preflight's: an RGB build puts down no ink of its own)
        raise click.UsageError("--ink-limit is the total ink of CMYK colours and images: use it with --cmyk")
    from .cache.disk import lasting

    with lasting():  # what is imported lives on: not collected meanwhile (~80 collections), then out of gc's way
        patterns.seed(keeps=True)  # before ReportLab and PyYAML are imported: they compile patterns as imported
        from .build import PrintOptions, build_booklet
    _ending(with_its_build=True)

    options = PrintOptions(canonical_size(page_size), bleed, crop_marks, None if pad_to == "auto" else int(pad_to),
                           cover == "separate", cmyk, ink_limit=ink_limit, spread_cover=cover == "spread", spine=spine)
    bar = ProgressBar()
    with reporting_errors(output):
        try:
            result = build_booklet(data_dir, output, options=options, progress=bar.update if bar.enabled else None,
                                   strict=strict, jobs=jobs)
        finally:
            bar.clear()
    patterns.keep()  # the patterns compiled, for the next process (when none were kept for this code)
    generated.keep()  # and the dataclasses' methods compiled anew
    _print_grouped(result.warnings)
    size = result.page_size
    if result.spine is not None:
        _say(f"Wrote {result.output} ({result.text_pages} pages, {size}) "
             f"and {result.cover} (the cover spread, outside and inside; {result.spine.text}).")
    elif result.cover:
        _say(f"Wrote {result.output} ({result.text_pages} pages, {size}) "
             f"and {result.cover} (4 cover pages).")
    else:
        _say(f"Wrote {result.output} ({result.pages} pages, {size}).")
    if run_preflight:
        from .printing.preflight import preflight as preflight_pdf

        statuses = []
        for path in (result.output, result.cover):
            if path:
                with _reading_pdf(path):
                    statuses.append(print_preflight(preflight_pdf(path, cmyk=cmyk, ink_limit=ink_limit)))
        sys.exit(max(statuses))


def _print_grouped(problems: list[Problem]) -> None:
    """Warnings on stderr, a heading line over each kind."""
    from .lint import grouped

    for _, heading, group in grouped(problems):
        _say(f"{heading} ({len(group)}):", err=True)
        _print_problems(group)


def _later_checks(exc: DataError) -> str:
    """After the errors of data that was read (not of a file or folder that is not there): the checks of data
    without errors are still to come."""
    if not any(p.line for p in exc.errors):
        return ""
    return (" The checks of data without errors (overlaps, names written two ways, what fits a page, images' "
            "resolution, ...) run once these errors are fixed.")


def _print_json(problems: list[Problem]) -> None:
    """The problems as a JSON list of objects on stdout, for other tools."""
    import json

    fields = ("file", "line", "key", "kind", "severity", "message")
    click.echo(json.dumps([{f: getattr(p, f) for f in fields} for p in problems], ensure_ascii=False, indent=2))


def _fail_json(data_dir: Path, exc: DataError):
    """Errors (and warnings) as JSON on stdout, the summary on stderr, exit status 1."""
    _print_json(exc.problems)
    _say(f"{data_dir}: {_summary(exc.problems)}.", err=True)
    sys.exit(1)


@main.command()
@click.argument("data_dir", default="data", type=FilePath(file_okay=False, path_type=Path))
@page_size_option("The trim size the booklet will be built at: abstracts are measured and images' resolution "
                  "computed on it.")
@click.option("--bleed", type=Length(), default="3mm", show_default=True,
              help="The bleed the booklet will be built with (the cover image runs into it), as for build.")
@click.option("--strict", is_flag=True, help="Count warnings as errors: exit status 1 when there are any.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: print the problems on stdout as a list of objects (file, line, key, kind, severity, "
                   "message).")
def check(data_dir: Path, page_size: str, bleed: float, strict: bool, output_format: str) -> None:
    """Check DATA_DIR (default: data) and print every problem found, errors and warnings; writes nothing.

    Warnings are valid data that would look wrong in print: the same person or affiliation
    written differently, overlapping or out-of-order times, talks never scheduled, abstracts
    too long for a page, images below print resolution, and more: the same warnings that
    'booklet build' prints with the same --page-size and --bleed. The exit status is 0 with
    warnings only, 1 with errors (or with warnings under --strict).

    \b
    Examples:
      booklet check my-conference --strict
      booklet check my-conference --format json
    """
    from .check import check_folder
    from .layout.page import page_for

    with reporting_errors():
        try:
            _, problems = check_folder(data_dir, page_for(resolved_size(page_size, data_dir), bleed), elsewhere=True)
        except DataError as exc:
            if output_format == "json":
                _fail_json(data_dir, exc)
            _print_problems(exc.problems)
            _say(f"{data_dir}: {_summary(exc.problems)}.{_later_checks(exc)}")
            sys.exit(1)
    failed = strict and bool(problems)
    summary = f"{data_dir}: {_summary(problems)}{' (--strict: warnings count as errors)' if failed else ''}."
    if output_format == "json":
        _print_json(problems)
        _say(summary, err=True)
    else:
        _print_grouped(problems)
        _say(summary)
    if failed:
        sys.exit(1)


# `booklet lint`, as lint's checks are check's: the same command under the name a user may try first (unlisted:
# Click would otherwise suggest 'init', the one command that writes a folder)
main.add_command(click.Command("lint", callback=check.callback, params=check.params, help=check.help, hidden=True))


def _fail(exc: DataError):
    if exc.errors:
        _print_problems(exc.problems)
    else:  # warnings under --strict
        _print_grouped(exc.problems)
    _say(f"{_summary(exc.problems)}; nothing was written.{_later_checks(exc)}", err=True)
    sys.exit(1)


@contextmanager
def reporting_errors(output: Path | None = None):
    """Bad data, an unwritable output or an unexpected failure -> a message and exit status 1, never a traceback."""
    try:
        yield
    except DataError as exc:
        _fail(exc)
    except Refused as exc:
        _say(f"booklet: {exc}; nothing was written.", err=True)
        sys.exit(1)
    except OSError as exc:
        from .output.atomic import cannot_write

        _say(f"booklet: {cannot_write(exc, output)}; nothing was written.", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug in booklet: say so plainly, keep the earlier output
        _internal_error(exc, "; nothing was written")


@contextmanager
def _reading_pdf(source: Path, output: Path | None = None):
    """An unreadable or damaged input `source`, or an impossible layout -> a message and exit status 1.

    The library names the input in its messages (UnreadablePdf); a pypdf error that escapes it is named here.
    """
    import logging

    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").addHandler(logging.NullHandler())  # no pypdf chatter about odd inputs
    logging.getLogger("pypdf").propagate = False
    with reporting_errors(output):
        try:
            yield
        except (ValueError, PyPdfError) as exc:
            reason = str(exc) if isinstance(exc, ValueError) else f"{source}: damaged or unsupported PDF ({exc})"
            _say(f"booklet: {reason}" + ("; nothing was written." if output else "."), err=True)
            sys.exit(1)


@main.command()
@click.argument("booklet_pdf", type=FilePath(path_type=Path))
@click.option("-o", "--output", required=True, type=FilePath(dir_okay=False, path_type=Path),
              help="Where to write the printer spreads (its folder made when missing; replaced only when complete; a "
                   "file there that is not a PDF is refused).")
@click.option("--sheet", type=click.Choice(["A4", "A3", "letter", "tabloid"], case_sensitive=False), default="A4",
              show_default=True, help="Sheet the spreads are printed on (landscape, both sides).")
@click.option("--crop-marks", is_flag=True, help="Crop marks at the spread's corners and fold marks at the spine.")
@click.option("--creep", type=Length(), default="0", show_default=True,
              help="Shingling per sheet (e.g. 0.1mm): inner sheets' content moves towards the spine.")
def impose(booklet_pdf: Path, output: Path, sheet: str, crop_marks: bool, creep: float) -> None:
    """Impose BOOKLET_PDF (any PDF) as saddle-stitch printer spreads.

    Two pages per sheet side in folding order, placed by their TrimBox with the trims meeting
    at the spine; print duplex, flip on the short edge, fold, staple, trim. The page count is
    padded with blank pages at the end to a multiple of 4.

    \b
    Example:
      booklet impose booklet.pdf -o spreads.pdf --sheet A3 --crop-marks --creep 0.1mm
    """
    from .output.atomic import refuse_no_pdf
    from .printing.impose import impose as impose_pdf

    sheet = {name.lower(): name for name in ("A4", "A3", "letter", "tabloid")}[sheet.lower()]
    with _reading_pdf(booklet_pdf, output):
        refuse_no_pdf([output], "spreads.pdf")
        result = impose_pdf(booklet_pdf, output, sheet=sheet, crop_marks=crop_marks, creep=creep)
    _say(f"Wrote {result.output} ({result.sheets} sheet{'s' * (result.sheets != 1)}, "
         f"{result.sides} sides, {result.sheet} landscape).")
    for warning in result.warnings:
        _say(f"Warning: {warning}", err=True)
    if result.blanks_added:
        blanks = result.blanks_added
        pages = result.sides * 2 - blanks
        _say(f"Added {blanks} blank page{'s' * (blanks != 1)} at the end: "
             f"{booklet_pdf} has {pages} page{'s' * (pages != 1)}, not a multiple of 4.")


def _given(parameter: str) -> bool:
    """Whether the command's `parameter` was given (on the command line or from the environment), not its default
    (--ink-limit 300 written out too: build's and preflight's --ink-limit ask for --cmyk)."""
    return click.get_current_context().get_parameter_source(parameter) is not click.core.ParameterSource.DEFAULT


def print_preflight(report) -> int:
    """Print a PreflightReport (facts, then 'OK: fit to print' or the faults); the exit status it calls for."""
    _say(f"{report.path}:")
    for fact in report.facts:
        _say(f"  {fact}")
    if report.fit:
        _say("OK: fit to print")
        return 0
    count = len(report.faults)
    _say(f"NOT FIT TO PRINT ({count} fault{'s' * (count != 1)}):")
    for fault in report.faults:
        _say(f"  - {fault}")
    return 1


@main.command()
@click.argument("file_pdf", type=FilePath(path_type=Path))
@click.option("--cmyk", is_flag=True,
              help="Also flag RGB colour and RGB images, report the total ink and flag what passes --ink-limit.")
@click.option("--ink-limit", type=click.IntRange(*INK_LIMITS), default=INK_LIMIT, show_default=True, metavar="PERCENT",
              help="With --cmyk: the most total ink (C + M + Y + K, per cent) an image or colour may put down; ask "
                   "your printer (often 300 for coated paper, 260-280 for uncoated).")
@click.option("--safe-margin", type=Length(), default="5mm", show_default=True,
              help="Text must stay at least this far inside the trim.")
def preflight(file_pdf: Path, cmyk: bool, ink_limit: int, safe_margin: float) -> None:
    """Check FILE_PDF (any PDF) for print: page count, binding, boxes, fonts, image dpi, colour, output intent,
    transparency, total ink and small text in rich black (with --cmyk), margins, thin lines.

    Exit status 0 when it is fit to print, 1 with the list of faults otherwise.

    \b
    Example:
      booklet preflight booklet.pdf --cmyk --ink-limit 280 --safe-margin 4mm
    """
    from .printing.preflight import preflight as preflight_pdf

    if _given("ink_limit") and not cmyk:  # (--ink-limit 300 too: it checks nothing without --cmyk)
        raise click.UsageError("--ink-limit is checked in CMYK: use it with --cmyk")
    with _reading_pdf(file_pdf):
        report = preflight_pdf(file_pdf, cmyk=cmyk, safe_margin=safe_margin, ink_limit=ink_limit)
    sys.exit(print_preflight(report))


@main.command()
@click.argument("folder", type=FilePath(file_okay=False, path_type=Path))
@click.option("--sample", is_flag=True, help="The full sample conference (a week-long workshop) instead of the "
                                              "small commented example.")
@click.option("--force", is_flag=True, help="Replace files of the same name that are already in FOLDER.")
@click.option("--language", metavar="CODE", callback=lambda ctx, param, value: _init_language(value),
              help="The booklet's language (conference.yaml's `language`: de, fr, pl, pt-BR, ... any code CLDR "
                   "knows); theme.yaml then shows that language's words, commented out.  [default: en]")
def init(folder: Path, sample: bool, force: bool, language: str | None) -> None:
    """Start a conference: write a new data folder FOLDER, ready to build.

    Every file of the format, each key explained by a comment, holding a small example conference
    that builds as it is: overwrite it with your own data. Each file's first line names its JSON
    Schema (in FOLDER/schema/), so editors with a YAML language server complete keys and mark
    mistakes as you type. Nothing is overwritten unless you say --force.

    \b
    Examples:
      booklet init my-conference && booklet build my-conference
      booklet init colloque --language fr
      booklet init demo --sample && booklet build demo -o demo.pdf
    """
    from .data.contract import is_sheet
    from .start.folder import FilesExist, init_folder

    with reporting_errors(folder):
        try:
            started = init_folder(folder, sample=sample, force=force, language=language)
        except FilesExist as exc:
            shown = listed(exc.names, 5)
            _say(f"booklet: {folder} already has {shown}; nothing was written. "
                 "Choose a new folder, or add --force to replace them.", err=True)
            sys.exit(1)
    what = "the sample conference" if sample else "an example conference"
    replaced = f", replacing {len(started.replaced)}" if started.replaced else ""
    for theirs, meant, unwritten in started.kept:  # (the user's file stands for it: check says so, as here)
        how = "saved as CSV (UTF-8) under the name" if is_sheet(theirs) else "renamed"
        _say(f"{unwritten} not written: {folder / theirs} is there, which booklet reads once it is {how} {meant}.")
    _say(f"Wrote {what} to {folder} ({len(started.files)} files{replaced}). Next:")
    shown = shlex.quote(str(folder))  # (a command to paste: a folder "my conference" is one word of it)
    _say(f"  booklet build {shown}      # the booklet, as it is now")
    _say(f"  booklet check {shown}      # after each edit: every problem, with file and line")
    if started.english_words:
        from .text.languages import base_language, languages

        name = languages().get(base_language(language), language)
        _say(f"The example's words any conference writes, such as Coffee break, Lunch, Lecture Hall A and Sweden, "
             f"are in English: booklet has no words of its own in {name} ({language}). Write yours over them: "
             "'booklet check' points out only what is the example's own.")


def _init_language(code: str | None) -> str | None:
    """init's --language as conference.yaml's `language` would take it: a code CLDR knows, and the one meant ('en', not
    'eng'); else a usage error with the code meant (as `booklet check` says it of conference.yaml's)."""
    if code is None:
        return None
    from .data.contract import LANGUAGE
    from .data.theme import language_problem
    from .text.languages import language_problem as code_problem

    if not LANGUAGE.match(code):  # (as data.validate reads `language`: 'de_DE.UTF-8', as $LANG writes it, is none)
        raise click.BadParameter(f"'{code}' is not a language code (like en, de, en-GB)")
    problem = language_problem(code) or code_problem(code)
    if problem:
        raise click.BadParameter(problem)
    return code


@main.command()
@click.argument("file", required=False, metavar="[FILE]")
@click.option("-o", "--out", "out_dir", type=FilePath(file_okay=False, path_type=Path),
              help="Write every schema into this folder (NAME.schema.json; made when missing) instead of printing.")
def schema(file: str | None, out_dir: Path | None) -> None:
    """Print the JSON Schema of the data files, made from the same definitions the checks use.

    With FILE (conference.yaml, programme.yaml, abstracts.yaml, abstracts/*.yaml, tutorials.yaml,
    posters.yaml, participants.yaml,
    people.yaml), only that file's schema; without, one JSON object of them all, by schema name.
    Point your editor's YAML language server at them, or write them with -o.

    \b
    Examples:
      booklet schema conference.yaml
      booklet schema -o my-conference/schema
    """
    import json

    from .data.contract import FILES, file_for
    from .data.schema import file_schema, schemas
    from .start.folder import write_schemas

    if out_dir is not None and file is not None:
        raise click.UsageError(f"-o writes the schema of every data file; give FILE ({file}) to print its schema "
                               "alone, or -o alone to write them all")
    if out_dir is not None:
        with reporting_errors(out_dir):
            written = write_schemas(out_dir)
        _say(f"Wrote {len(written.files)} schemas to {out_dir}: {', '.join(written.files)}.")
        return
    if file is None:
        click.echo(json.dumps(schemas(), indent=2, ensure_ascii=False))
        return
    try:  # (FILE is the command line's, as an option's value is: Click's usage error, exit 2, when it is none)
        spec = file_for(file)
    except KeyError:
        names = ", ".join(f.name for f in FILES if f.schema)
        raise click.BadParameter(f"'{file}' is not a data file of the format; the files are {names}",
                                 param_hint="'[FILE]'") from None
    if not spec.schema:
        raise click.BadParameter(f"{spec.name} is not YAML and has no JSON Schema; {spec.doc}", param_hint="'[FILE]'")
    click.echo(json.dumps(file_schema(spec), indent=2, ensure_ascii=False))


class ImportFormat(click.Choice):
    """`import --format`: one of the importers' formats, looked up only when the option is used or shown
    (the other commands do not import the importers)."""

    def __init__(self):
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:
        from .importers import FORMATS

        return tuple(FORMATS)


def _pairs(ctx, param, value) -> dict[str, str]:
    """--kinds / --map: "A=b,C=d" -> {"A": "b", "C": "d"}."""
    pairs = {}
    for part in (value or "").split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise click.BadParameter(f"'{part.strip()}' is not NAME=VALUE; write e.g. \"Invited talk=invited\"")
        left, right = (side.strip() for side in part.split("=", 1))
        if not left or not right:
            raise click.BadParameter(f"'{part.strip()}' needs a name on both sides of '='")
        pairs[left] = right
    return pairs


def _kinds(ctx, param, value) -> dict[str, str]:
    """--kinds: _pairs whose every kind is one of booklet's (importers.kinds.user_kind), checked before anything is
    read: a kind that is none is the command line's mistake, as a pair without '=' is (Click's usage error)."""
    from .importers.kinds import user_kind

    pairs = _pairs(ctx, param, value)
    for source_type, word in pairs.items():
        try:
            user_kind(source_type, word)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
    return pairs


def _time_zone(ctx, param, value) -> str | None:
    """--timezone: the name of a time zone there is (importers.schedule.zone_problem, with the zone probably meant),
    checked before anything is read (Click's usage error); blank (an empty variable in a script) is none."""
    if value is None:
        return None
    from .importers.schedule import zone_problem

    problem = zone_problem(value) if value.strip() else \
        "no time zone given (write e.g. Europe/Berlin; leave --timezone out for the source's own)"
    if problem is not None:
        raise click.BadParameter(problem)
    return value


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _print_import(result) -> None:
    """What the import made: counts, source types without a kind, notes, and for an update what changed."""
    c = result.counts
    made = "Updated" if result.updated else "Imported"
    named = " and ".join(_count(c[key], word) for key, word in (("placeholders", "speaker"),
                                                                 ("placeholder_chairs", "chair")) if c[key])
    if c["speakers"]:
        people = f"{c['without_affiliation']} of {_count(c['speakers'], 'speaker')} without affiliation" + (
            f"; {named} named by a placeholder: {result.placeholders} (see the warnings)" if named else "")
    else:  # (not "0 of 0 speakers without affiliation; 46 speakers named by a placeholder")
        placeholders = c["placeholders"] + c["placeholder_chairs"]
        people = "no speakers in the source" + (f": {_count(placeholders, 'placeholder')} to write in: "
                                                f"{result.placeholders}" if placeholders else "")
    _say(f"{made} {result.folder} from {result.source.name} ({result.format}): "
         f"{_count(c['talks'], 'talk')}, {_count(c['tutorials'], 'tutorial')}, {_count(c['posters'], 'poster')}, "
         f"{_count(c['days'], 'day')}; {people}.")
    if result.reused:
        _say(f"As in the earlier import: {' '.join(result.reused)}.")
    if result.unmapped:
        _say("Source types with no booklet kind (imported as contributed talks, or as programme lines when "
             "nobody speaks); give them one with --kinds \"TYPE=KIND,...\":")
        _say("  " + ", ".join(f"{name} ({n})" for name, n in result.unmapped.most_common()))
    for note in result.notes:
        _say(f"  - {note}")
    if result.updated:
        _print_changes(result.changes)


def _print_changes(changes) -> None:
    groups = [
        ("added", "Added"),
        ("changed", "Changed by the source"),
        ("removed", "Removed (--prune)"),
        ("gone", "No longer in the source, kept (--prune removes them)"),
        ("deleted", "Deleted by hand, not added back"),
    ]
    if not any(c.what in ("added", "removed") or (c.what == "changed" and c.fields) for c in changes):
        _say("Nothing new from the source since the last import.")
    for what, heading in groups:
        found = [c for c in changes if c.what == what and (what != "changed" or c.fields)]
        if not found:
            continue
        _say(f"{heading} ({len(found)}):")
        for change in found:
            detail = f": {', '.join(change.fields)}" if change.fields else ""
            replaced = f" (your edit of {', '.join(change.replaced)} replaced)" if change.replaced else ""
            _say(f"  {change.file}: {change.key}{detail}{replaced}")
            for field, yours, theirs in change.replacements:  # what the LOC wrote, to put back by hand if need be
                _say(f"    {field}: your {_one_line(yours)} → the source's {_one_line(theirs)}")
    kept = [c for c in changes if c.kept]
    if kept:
        _say(f"Your edits kept where the source changed the value too ({len(kept)}):")
        for change in kept:
            _say(f"  {change.file}: {change.key}: {', '.join(change.kept)}")


def _one_line(value, width: int = 60) -> str:
    """A value of a data file on one line, in quotes, cut to about `width` characters ('(none)' for no value)."""
    if value is None or value == "" or value == []:
        return "(none)"
    text = " ".join(str(value).split())
    return f"'{text}'" if len(text) <= width else f"'{text[:width - 1].rstrip()}…'"


def _a_date(ctx, param, value, example: str = "2018-06-10"):
    """An ISO date (2018-06-10) -> a date, past or not; BadParameter, showing `example`, for anything else."""
    if value is None:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date like {example}") from None


@main.command(name="import")
@click.argument("source", type=FilePath(exists=True, path_type=Path))
@click.option("--out", "out_dir", required=True, type=FilePath(file_okay=False, path_type=Path),
              help="The data folder to write (new or empty; with --update, the folder of an earlier import).")
@click.option("--format", "source_format", type=ImportFormat(),
              help="The source's format (default: found from its content).")
@click.option("--kinds", callback=_kinds, metavar="TYPE=KIND,...",
              help="Booklet kinds for the source's contribution types, e.g. \"Invited talk=invited,Podium=keynote\" "
                   "(kinds: contributed, invited, keynote, special, tutorial, poster, break, social, other; skip "
                   "leaves the type out).")
@click.option("--map", "columns", callback=_pairs, metavar="COLUMN=HEADER,...",
              help="Spreadsheets: which header holds a booklet column, e.g. \"Title=Paper title\".")
@click.option("--timezone", callback=_time_zone, metavar="ZONE",
              help="The conference's time zone (e.g. Europe/Berlin): times are converted to it. Default: the "
                   "source's time zone, else times as the source writes them.")
@click.option("--timetable", type=FilePath(exists=True, dir_okay=False, path_type=Path),
              help="Spreadsheets: a timetable beside them (CSV, tab-separated or an XLSX sheet: a day, a start, an end, "
                   "a type and a name) that places each entry by its speaker's name (\"P. Rabl\"); its other rows are "
                   "programme lines.")
@click.option("--first-day", callback=_a_date, metavar="DATE",
              help="With --timetable: the date of its day 1, when its days are numbers, weekdays (\"Monday\") or dates "
                   "without a year (\"3 June\") (e.g. 2018-06-10).")
@click.option("--update", is_flag=True, help="Update the folder an earlier import made: the source's values "
                                              "are updated, your edits kept; prints what changed.")
@click.option("--prune", is_flag=True, help="With --update: remove entries no longer in the source (kept otherwise).")
def import_(source: Path, out_dir: Path, source_format: str | None, kinds: dict, columns: dict,
            timezone: str | None, timetable: Path | None, first_day, update: bool, prune: bool) -> None:
    """Import SOURCE (a conference system's export) as a booklet data folder, and check it.

    Formats: schedule.json (frab, pretalx, c3voc; also "schedule2"), schedule.xml (frab,
    pentabarf, wafer), Indico exports, spreadsheets, an aclpub2 handbook folder, EuroPython's
    epcon schedule.xml, an AMCOS-kit folder; the format is found from the content (SOURCE is a
    folder for aclpub2 and the AMCOS kit). The folder gets conference.yaml, programme.yaml,
    abstracts.yaml, tutorials.yaml and posters.yaml as the source fills them, with times in the
    conference's local time and the source's types mapped to booklet's kinds. It must pass
    'booklet check' with no errors, or nothing is written.

    With --update, a folder an earlier import made is updated: titles, abstracts, names, times and
    rooms follow the source; photos, bios, affiliations, kinds you changed, chairs, committees,
    your own entries and comments stay.

    \b
    Examples:
      booklet import schedule.json --out my-conference
      booklet import schedule.xml --out my-conference --timezone Europe/Brussels --kinds "bof=other"
      booklet import schedule.json --out my-conference --update
      booklet import abstracts.csv --out my-school --timetable program.txt --first-day 2018-06-10
    """
    from .importers import Options, SourceError
    from .importers.write import import_source

    if prune and not update:
        raise click.UsageError("--prune goes with --update (it removes entries of an earlier import)")
    if first_day is not None and timetable is None:
        raise click.UsageError("--first-day goes with --timetable (it dates a timetable's numbered days)")
    options = Options(format=source_format, kinds=kinds, columns=columns, timezone=timezone, timetable=timetable,
                      first_day=first_day)
    with reporting_errors(out_dir):
        try:
            result = import_source(source, out_dir, options, update=update, prune=prune)
        except SourceError as exc:
            _say(f"booklet: {exc}; nothing was written.", err=True)
            sys.exit(1)
        except DataError:
            what = f"{out_dir}, updated from {source}," if update else f"what {source} holds"
            _say(f"booklet: {what} would not pass 'booklet check':", err=True)
            raise
    _print_import(result)
    _print_grouped(result.warnings)
    _say(f"{out_dir}: {_summary(result.warnings)}.")


def _proof_date(ctx, param, value):
    """--reply-by: an ISO date (2027-05-20) -> a date."""
    import datetime as dt

    date = _a_date(ctx, param, value, "2027-05-20")
    if date is not None and date < dt.date.today():  # (a year mistyped, or proofs of a past round made again: said, not refused)
        _say(f"booklet: warning: --reply-by {value} is past; each proof asks for corrections by then", err=True)
    return date


def _late_reply(reply_by, dates) -> None:
    """Once the proofs are written: a warning without --reply-by (the proofs ask for corrections by no date), or for
    one on or after the conference's first day (`dates`: its first and last day), when the booklet is printed (a
    year or month mistyped, as a past date is, which _proof_date says). Said, not refused."""
    import datetime as dt

    if reply_by is None:  # (the example: four weeks before the conference, when its dates are known)
        example = (dates[0] - dt.timedelta(days=28)).isoformat() if dates else "2027-05-20"
        _say("booklet: warning: no --reply-by: the proofs say whom to send corrections to, not by when "
             f"(give a date: --reply-by {example})", err=True)
    if reply_by is None or dates is None or reply_by < dates[0]:
        return
    when = "after the conference ends" if reply_by > dates[1] else "during the conference"
    _say(f"booklet: warning: --reply-by {reply_by.isoformat()} is {when} ({dates[0].isoformat()} to "
         f"{dates[1].isoformat()}); each proof asks for corrections by then, but the booklet is printed "
         "before it starts", err=True)


def _proofs_summary(result) -> str:
    # (a poster each of whose authors' names is left out has a proof for no one: a poster's, no poster author's;
    # `named` None: each proof of the kind, for someone or not)
    kinds = [("abstract", None, "abstract", "abstracts"), ("tutorial", None, "tutorial", "tutorials"),
             ("poster", True, "poster author", "poster authors"), ("poster", False, "poster", "posters"),
             ("chair", None, "chair", "chairs")]
    counts = [(sum(p.kind == kind and (named is None or bool(p.people) == named) for p in result.proofs), one, many)
              for kind, named, one, many in kinds]
    return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts if n)


def _unchanged_words(changed: int, same: int) -> str:
    """How many proofs a run wrote anew, and how many it left as they were (their files held these very bytes)."""
    if not changed:
        return f"None of them changed: all {same} were there already, byte for byte, and were left as they were."
    was = "one was there already, byte for byte, and left as it was" if same == 1 else (
        f"{same} were there already, byte for byte, and left as they were")
    return f"{changed} of them new or changed; the other {was}."


GONE_SHOWN = 10


def _print_gone(gone, out_dir: Path) -> None:
    """The proofs of the folder's last manifest that this run made no more (their entries are gone from the data, or
    their ids changed): left in the folder, out of manifest.csv; named, so that nobody sends one by mistake."""
    names = listed([path.name for path in gone], GONE_SHOWN)
    _say(f"No longer proofs ({len(gone)}): their entries are gone from the data, or their ids changed; left in "
         f"{out_dir}, out of manifest.csv (delete them, or keep them for the record): {names}.", err=True)


NO_EMAIL_LISTED = 10  # more proofs without an address than this: the first NO_EMAIL_SHOWN, and where the rest are
NO_EMAIL_SHOWN = 5


def _print_no_email(problems: list[Problem], manifest: Path | None = None) -> None:
    """The proofs nobody can be mailed (no address for any of their people), then the people a proof's mail leaves
    out (a co-presenter without an address: the proof goes to the others). Counted apart: "no mail merge for these
    (31)" counted one of the second kind, a proof the mail merge does send. Of many (a frab or pretalx import has
    no address at all: 148 lines buried the summary), the first few, and where the others are: `manifest`."""
    whole = [p for p in problems if p.kind == "no-email"]
    some = [p for p in problems if p.kind != "no-email"]
    if whole:
        _say(f"No email address, so no mail merge for these ({len(whole)}): send them another way.",
             err=True)
        _print_some(whole, manifest, "the rows with an empty emails column")
    if some:
        _say(f"The mail merge sends {'this proof' if len(some) == 1 else 'these proofs'} to the other presenters "
             f"only ({len(some)}): send it to the one without an address another way.", err=True)
        _print_some(some, manifest, "each row names every presenter (names) and has the addresses there are (emails)")


def _print_some(problems: list[Problem], manifest: Path | None, where: str) -> None:
    """Every problem, or of more than NO_EMAIL_LISTED the first NO_EMAIL_SHOWN and a line saying where the others
    are (`where` in `manifest`)."""
    if manifest is None or len(problems) <= NO_EMAIL_LISTED:
        _print_problems(problems)
        return
    _print_problems(problems[:NO_EMAIL_SHOWN])
    _say(f"... and {len(problems) - NO_EMAIL_SHOWN} more, listed in {manifest}: {where}.", err=True)


@main.command()
@click.argument("data_dir", default="data", type=FilePath(file_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=FilePath(file_okay=False, path_type=Path),
              help="Folder for the proofs and manifest.csv (made when missing; proofs of the same name replaced, "
                   "unless they are the same bytes: those are left as they were).")
@click.option("--reply-by", callback=_proof_date, metavar="DATE",
              help="When corrections are due (e.g. 2027-05-20), printed on every proof.")
@click.option("--png", is_flag=True, help="Also a PNG of each proof page (NAME-1.png, ...), to paste into an email.")
@page_size_option("Trim size of the booklet (as for build).")
def proofs(data_dir: Path, out_dir: Path, reply_by, png: bool, page_size: str) -> None:
    """Write a proof for every speaker of DATA_DIR (default: data), and DIR/manifest.csv for the mail merge.

    One PDF per abstract and per tutorial (named by its id), and one per poster author
    (poster-NAME.pdf); a session's chair gets its programme page(s) in their own proof, or in
    chair-NAME.pdf. An entry each of whose names the fonts print nothing of (left out of the
    booklet) gets a proof for no one, named by the entry (poster-NUMBER.pdf, chair-SESSION.pdf),
    and a warning. Each holds the entry's booklet pages exactly as they will print (same
    page numbers, line breaks and positions), with a red PROOF band down the outer edge and a
    header: whom it is for, the talk's day, time and room, the booklet page, and whom to send
    corrections to (the conference contact) by when. The booklet is built once for all of them;
    right after a build of the same data with the default options (`booklet build`, or a rebuild
    of `booklet watch`), not at all: that build's PDF is taken.

    manifest.csv has one row per proof: id, kind, names, emails, file, pages, day, time, room.
    Entries without an email are listed at the end. Run again after corrections, a proof that
    comes out as the file already there (byte for byte) is left as it was, and the command says
    how many are new or changed: those are the ones to send again.

    \b
    Example:
      booklet proofs my-conference --out proofs --reply-by 2027-05-20 --png
    """
    from .cache.disk import lasting

    with lasting():  # as for build: proofs build the booklet too
        patterns.seed()
        from . import build  # noqa: F401 - the forked build inherits it
        from .proofs import write_proofs
    _ending()

    size = resolved_size(page_size, data_dir)
    with reporting_errors(out_dir):
        result = write_proofs(data_dir, out_dir, page_size=size, reply_by=reply_by, png=png)
    _late_reply(reply_by, result.dates)
    _print_grouped(result.warnings)
    pngs = f", {len(result.pngs)} PNG{'s' * (len(result.pngs) != 1)}" if png else ""
    _say(f"Wrote {len(result.proofs)} proofs ({_proofs_summary(result)}){pngs} to {out_dir}, "
         f"and {result.manifest}.")
    same = len(set(result.files).intersection(result.unchanged))
    if same:  # what the LOC sends again: only what changed
        new_pngs = len(set(result.pngs).difference(result.unchanged))
        _say(_unchanged_words(len(result.files) - same, same)
             + (f" ({new_pngs} PNG{'s' * (new_pngs != 1)} new or changed.)" if new_pngs else ""))
    elif result.earlier:  # a later round in which every proof changed (pages moved, a font's glyphs): said too
        _say(f"All {len(result.files)} of them new or changed: none was there already, byte for byte.")
    if result.gone:
        _print_gone(result.gone, out_dir)
    _print_no_email(result.no_email, result.manifest)


@main.command()
@click.argument("proof_id", metavar="ID")
@click.argument("data_dir", default="data", type=FilePath(file_okay=False, path_type=Path))
@click.option("-o", "--output", type=FilePath(dir_okay=False, path_type=Path),
              help="Where to write the proof (default: ID.pdf; its folder made when missing; replaced only when "
                   "complete; a file there that is not a PDF is refused).")
@click.option("--reply-by", callback=_proof_date, metavar="DATE",
              help="When corrections are due (e.g. 2027-05-20), printed on the proof.")
@click.option("--png", is_flag=True, help="Also a PNG of each page of the proof (FILE-1.png, ...).")
@page_size_option("Trim size of the booklet (as for build).")
def proof(proof_id: str, data_dir: Path, output: Path | None, reply_by, png: bool, page_size: str) -> None:
    """Write the one proof ID of DATA_DIR (default: data), as 'booklet proofs' would.

    ID is an id of manifest.csv: an abstract's or a tutorial's id, poster-NAME for a poster author, or
    chair-NAME for a session's chair who has no other proof.

    \b
    Example:
      booklet proof okafor my-conference -o okafor-proof.pdf --reply-by 2027-05-20
    """
    from .cache.disk import lasting
    from .problems import meant

    with lasting():  # as for build: a proof builds the booklet too
        patterns.seed()
        from .proofs import UnknownProof, write_proof
    _ending()

    size = resolved_size(page_size, data_dir)
    with reporting_errors(output):
        try:
            result = write_proof(proof_id, data_dir, output, page_size=size, reply_by=reply_by, png=png)
        except UnknownProof as exc:
            _say(f"booklet: no proof '{exc.proof_id}' in {data_dir}{meant(exc.nearest)}; "
                 "the ids are an abstract's or tutorial's id, poster-NAME or chair-NAME "
                 "(see manifest.csv from 'booklet proofs').", err=True)
            sys.exit(1)
    _late_reply(reply_by, result.dates)
    _print_grouped(result.warnings)
    written = result.proofs[0]
    extra = f" and {len(result.pngs)} PNG{'s' * (len(result.pngs) != 1)}" if png else ""
    done = (f"Wrote {result.files[0]}" if result.files[0] not in result.unchanged
            else f"Left {result.files[0]} as it was (already this proof, byte for byte)")
    _say(f"{done}{extra}: proof of booklet {_page_words(written.pages)}{written.for_whom}.")
    _print_no_email(result.no_email)


def _page_list(ctx, param, value) -> str | None:
    """--pages: a list of pages (output.preview.parse_pages) whose form is checked before anything is read (Click's
    usage error); a page past the booklet's end is known only once it is built (bad input then, exit 1)."""
    from .output.preview import PageListError, parse_pages

    try:
        parse_pages(value)
    except PageListError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


def _page_words(pages) -> str:
    from .proofs import page_label

    return page_label(pages)


@main.command()
@click.argument("data_dir", default="data", type=FilePath(file_okay=False, path_type=Path))
@click.option("--pages", callback=_page_list, metavar="LIST",
              help="Which pages: numbers and ranges, comma-separated (1,4-6; 10- is page 10 to the end). "
                   "Default: every page.")
@click.option("--out", "out_dir", default="preview", show_default=True, type=FilePath(file_okay=False, path_type=Path),
              help="Folder for the PNGs (made when missing; PNGs of the same name replaced).")
@page_size_option("Trim size of the booklet (as for build).")
@click.option("--dpi", type=click.IntRange(36, 600), default=144, show_default=True,
              help="Resolution: 144 is sharp on a screen and small enough to email; 300 for a close look.")
def preview(data_dir: Path, pages: str | None, out_dir: Path, page_size: str, dpi: int) -> None:
    """PNG images of pages of the booklet of DATA_DIR (default: data), for a quick look or an email.

    The booklet is built as 'booklet build' builds it (same pages and page numbers), shown
    trimmed (no bleed), and not kept. Booklet page N goes to DIR/page-N.png, N zero-padded to
    the width of the page count (page-004.png in a booklet of 100 pages or more). Rendering
    every page also removes page PNGs of an earlier, longer booklet from DIR.

    \b
    Examples:
      booklet preview my-conference --pages 1,4-6
      booklet preview --pages 10- --out look --dpi 300
    """
    from .output.preview import PageListError, pages_text, parse_pages, write_preview

    size = resolved_size(page_size, data_dir)
    with reporting_errors(out_dir):
        try:
            result = write_preview(data_dir, out_dir, parse_pages(pages), page_size=size, dpi=dpi)
        except PageListError as exc:
            _say(f"booklet: --pages {pages}: {exc}; nothing was written.", err=True)
            sys.exit(1)
    _print_grouped(result.warnings)
    count = len(result.files)
    where = os.path.join(str(out_dir), "")
    _say(f"Wrote {count} PNG{'s' * (count != 1)} (page{'s' * (count != 1)} {pages_text(result.pages)}) "
         f"to {where}")
    if result.removed:
        removed = len(result.removed)
        _say(f"Removed {removed} page PNG{'s' * (removed != 1)} of an earlier build "
             f"(the booklet now has {result.page_count} pages).")


def _shown(path: Path, data_dir: Path) -> str:
    """A path as the user thinks of it: relative to the data folder when inside it, else to the current folder."""
    try:
        return str(path.relative_to(data_dir.resolve()))
    except ValueError:
        return os.path.relpath(path)


@main.command()
@click.argument("data_dir", default="data", type=FilePath(file_okay=False, path_type=Path))
@click.option("-o", "--output", default="booklet.pdf", show_default=True, type=FilePath(dir_okay=False, path_type=Path),
              help="Where to write the PDF (its folder made when missing; replaced only by a build that succeeds; a "
                   "file there that is not a PDF is refused).")
@page_size_option("Trim size of the booklet.")
@click.option("-j", "--jobs", type=click.IntRange(min=1, max=MAX_JOBS), default=None,
              help="Processes laying the booklet out, kept from one rebuild to the next (default: as 'build'; "
                   "1 takes the least memory).")
def watch(data_dir: Path, output: Path, page_size: str, jobs: int | None) -> None:
    """Build the booklet of DATA_DIR (default: data), then rebuild it each time a data file or image changes.

    Problems are printed as 'build' prints them; a failed rebuild leaves the last good PDF in
    place, and watching goes on (an output that is one of the data's files, images or extra
    pages is refused at the start, as 'build' refuses it). Folders outside DATA_DIR that hold the booklet's images are
    watched too. A big book is laid out in parts, as 'build' lays it out, by worker processes
    kept from one rebuild to the next. Keep the PDF open in a viewer that reloads it; Ctrl-C stops.

    \b
    Example:
      booklet watch my-conference -o draft.pdf
    """
    from .build import PrintOptions
    from .watch import Changed, Rebuild, Restart, Watching, watch as watch_folder

    if not data_dir.is_dir():  # said as `build` says it, but nothing is built and nothing watched
        from .data.validate import not_a_data_folder
        problems = [not_a_data_folder(data_dir)]
        _print_problems(problems)
        _say(f"{_summary(problems)}; nothing to watch.", err=True)
        sys.exit(1)
    options = PrintOptions(canonical_size(page_size))

    def report(event) -> None:
        if isinstance(event, Watching):
            folders = " and ".join(os.path.join(os.path.relpath(root), "") for root in event.roots)
            _say(f"Watching {folders} for changes (Ctrl-C to stop).")
        elif isinstance(event, Changed):
            names = [_shown(path, data_dir) for path in event.paths]
            _say(f"Changed: {listed(names, 3)}; rebuilding.")
        elif isinstance(event, Rebuild):
            if event.ok:
                _print_grouped(event.problems)
            else:
                _print_problems(event.problems)
            _say(event.message, err=not event.ok)

    import signal
    import threading

    if threading.current_thread() is threading.main_thread():  # (as the `booklet` command does, in any caller)
        signal.signal(signal.SIGTERM, _interrupted)  # `kill` stops it as cleanly as Ctrl-C
    try:
        watch_folder(data_dir, output, options, report=report, jobs=jobs)
    except Refused as exc:  # the output is one of the data's inputs: as `booklet build` says it, and no watching
        _say(f"booklet: {exc}; nothing was written.", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        _say("Stopped watching. Bye.")
    except Restart as restart:  # a font file changed: read it in a new process, watching on with the same options
        names = ", ".join(_shown(path, data_dir) for path in restart.paths)
        _say(f"A font file changed ({names}): starting again to read it.")
        sys.stdout.flush()
        sys.stderr.flush()
        atomic = sys.modules.get("booklet.output.atomic")  # (as `run` does as the process ends: execv ends it too)
        if atomic is not None:
            atomic.left_behind()
        again = [sys.executable, "-m", "booklet", "watch", str(data_dir), "-o", str(output),
                 *(["--page-size", page_size] if page_size else []), *(["--jobs", str(jobs)] if jobs is not None else [])]
        os.execv(sys.executable, again)


# What importing the command line made (the modules it imports, Click's, the dataclasses' kept code, its commands)
# lives as long as the process and holds few cycles: the cyclic garbage collector was paused meanwhile, and all of it
# is now moved out of its way (as cache.disk.lasting does for a build's imports), rather than gone through again and
# again by the collections the imports triggered (about 25, two of them of the middle generation)
gc.freeze()
if _COLLECTING:
    gc.enable()
