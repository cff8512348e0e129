"""Shared test helpers: a minimal valid conference folder that each test breaks in one place."""

from __future__ import annotations

import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the project
DATA = ROOT / "data"  # the sample conference's data folder


def yaml_text(text: str) -> str:
    """`text` dedented (so tests can indent their YAML inside a function), ending in a newline."""
    text = textwrap.dedent(text)
    return text if text.endswith("\n") else text + "\n"


# The minimal valid conference: every file, every reference resolved, no warnings.
# Tests assert line numbers in these texts (line 1 is the first line shown).
BASE: dict[str, str] = {
    name: yaml_text(text)
    for name, text in {
        "conference.yaml": """\
            title: Test Conference
            short_title: TC2027
            dates: {start: 2027-09-13, end: 2027-09-14}
            venue: Lund, Sweden
            """,
        "abstracts.yaml": """\
            - id: lund-2026
              title: A talk about Lund
              speaker: {name: Ana Smith, affiliation: Uni A}
              abstract: Some text.
            - id: okafor
              title: Hierarchical models
              authors:
                - {name: Chiamaka Okafor, affiliation: Uni B, presenting: true}
                - {name: Bo Jones}
              abstract: More text.
            """,
        "tutorials.yaml": """\
            - id: bayes-intro
              title: Bayesian inference
              description: A course.
              presenters:
                - {name: Sven Oberg, affiliation: NBI}
            """,
        "posters.yaml": """\
            - number: 1
              author: Zoe Papadopoulou
              title: Mixture density networks
            """,
        "programme.yaml": """\
            days:
              - date: 2027-09-13
                items:
                  - {time: "09:00-09:20", title: Welcome}
                  - {time: "09:20-10:00", talk: lund-2026}
                  - {time: "10:00-10:30", title: Coffee Break, kind: break}
                  - session: Inference
                    chair: Mei Chen
                    items:
                      - {time: "10:30-11:00", talk: okafor}
                  - {time: "14:00-17:00", tutorial: bayes-intro}
            """,
    }.items()
}


def base_lines(name: str) -> int:
    """How many lines BASE[name] has: text appended with `extend` starts on the line after."""
    return len(BASE[name].splitlines())


def extend(name: str, text: str) -> str:
    """BASE[name] with `text` (dedented) added at the end."""
    return BASE[name] + yaml_text(text)


def write_conference(folder: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """Write the minimal valid conference into `folder`, `files` replacing or (None) leaving out files.

    `files` maps a path relative to the folder ("programme.yaml", "abstracts/x.yaml",
    "images/a.jpg") to YAML text (dedented, written as UTF-8), raw bytes (written as they are),
    or None (the file is not written). Returns `folder`.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in {**BASE, **(files or {})}.items():
        if content is None:
            continue
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(yaml_text(content), encoding="utf-8")
    return folder


# How every warning about a name written two ways ends (booklet.lint.names), written out: a test fails when it changes.
MERGE_HINT = "; if they are one person, list the other spellings under `aliases:` of one name in people.yaml"


# what build, check and the other commands add after errors at lines of the data (cli._later_checks)
LATER = (" The checks of data without errors (overlaps, names written two ways, what fits a page, images' "
         "resolution, ...) run once these errors are fixed.")


def set_tighter(style, text) -> bool:
    """Whether an entry's text `style` is set tighter than the theme's `text` style; checked: within what the layout
    allows (layout.abstracts: its type size down to SMALLEST of the theme's, and only with its line spacing at
    TIGHTEST; its line spacing, to its type size, down to TIGHTEST of the theme's; the space between its paragraphs
    down to SPACE_TIGHTEST of the theme's, and only with its lines at TIGHTEST)."""
    from booklet.layout.abstracts import SMALLEST, SPACE_TIGHTEST, TIGHTEST

    size = style.fontSize / text.fontSize
    assert SMALLEST - 1e-6 <= size <= 1 + 1e-6, style.name
    lead = style.leading / size
    assert TIGHTEST * text.leading - 1e-6 <= lead <= text.leading + 1e-6, style.name
    assert size > 1 - 1e-6 or abs(lead - TIGHTEST * text.leading) < 1e-6, style.name  # (smaller: lines at their closest)
    assert SPACE_TIGHTEST * text.spaceAfter - 1e-6 <= style.spaceAfter <= text.spaceAfter + 1e-6, style.name
    assert style.spaceAfter > text.spaceAfter - 1e-6 or abs(lead - TIGHTEST * text.leading) < 1e-6, style.name  # (its
    # paragraphs closer only with its lines at their closest)
    return (style.fontSize, style.leading, style.spaceAfter) != (text.fontSize, text.leading, text.spaceAfter)


def poster_days_programme(first: str, second: str) -> str:
    """BASE's programme.yaml with its days replaced by two, 13 and 14 September, each one poster-session line at
    16:00-17:00 titled `first` and `second`."""
    def day(date: str, title: str) -> str:
        return f"  - date: {date}\n    items:\n      - {{time: \"16:00-17:00\", title: {title}, kind: poster}}\n"

    return BASE["programme.yaml"].split("  - date:")[0] + day("2027-09-13", first) + day("2027-09-14", second)


# a paragraph of web addresses (FOSDEM 2025's "Syd" abstract, in part), broken in their host names where a break after
# a slash would leave a line loose ("Falco (https://falco" / ".org/)")
ADDRESSES = (
    "Syd aims to provide a simple interface (https://en.wikipedia.org/wiki/KISS_principle) over complex Linux "
    "sandboxing mechanisms -- including Landlock LSM (https://landlock.io/), namespaces (https://en.wikipedia.org/wiki/"
    "Linux_namespaces), *ptrace(2)* (https://www.man7.org/linux/man-pages/man2/ptrace.2.html), and seccomp-BPF/Notify "
    "(https://man7.org/linux/man-pages/man2/seccomp_unotify.2.html) -- which are often considered brittle "
    "(https://lwn.net/Articles/796108/) and difficult to use (https://lwn.net/Articles/795128/). This approach is "
    "somewhat similar to OpenBSD (https://www.openbsd.org/)'s *pledge*(2) (https://man.openbsd.org/pledge.2) system "
    "call, offering a practical way to restrict application behavior. Unlike other sandboxing tools like Falco "
    "(https://falco.org/), Bubblewrap (https://github.com/containers/bubblewrap), Firejail "
    "(https://firejail.wordpress.com/), gVisor (https://gvisor.dev/), and minijail (https://google.github.io/minijail/), "
    "Syd operates without requiring extra privileges (https://en.wikipedia.org/wiki/Privilege_separation), SETUID "
    "(https://en.wikipedia.org/wiki/Setuid) binaries, or privileged kernel context "
    "(https://en.wikipedia.org/wiki/Privilege_(computing)). It adheres to the UNIX philosophy "
    "(https://en.wikipedia.org/wiki/Unix_philosophy) of doing one thing well "
    "(https://en.wikipedia.org/wiki/Unix_philosophy#Do_One_Thing_and_Do_It_Well) with the least privilege "
    "(https://en.wikipedia.org/wiki/Principle_of_least_privilege) necessary."
)


def rebuilt_filling_no_columns(folder: Path, tmp_path: Path, monkeypatch, file: str, old: str, new: str) -> Path:
    """The PDF of a warm rebuild of `folder` after `old` -> `new` in its `file`, an edit that moves no name in a list
    set in columns (the index, the participants): the first build (a BuildCache's) fills columns, the rebuild none
    (its columns and closer setting as kept), and it gives the bytes of a build without a cache."""
    from booklet.build import build_booklet
    from booklet.cache import BuildCache
    from booklet.layout.columns import Columns

    fills = []
    real = Columns._fill
    monkeypatch.setattr(Columns, "_fill", lambda self, *args: fills.append(args) or real(self, *args))
    cache, warm, cold = BuildCache(), tmp_path / "warm.pdf", tmp_path / "cold.pdf"
    build_booklet(folder, warm, cache=cache)
    assert fills  # (the first: the pages filled, the closer setting looked for)
    edited = folder / file
    text = edited.read_text(encoding="utf-8")
    assert old in text
    edited.write_text(text.replace(old, new), encoding="utf-8")
    fills.clear()
    build_booklet(folder, warm, cache=cache)
    assert fills == []
    build_booklet(folder, cold, cache=BuildCache(warm=False))
    assert warm.read_bytes() == cold.read_bytes()
    return warm
