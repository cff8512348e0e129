"""The theme's colours -> a warning for each that would be hard to read in print, by the WCAG AA
contrast ratios: 4.5:1 for body and small text, 3:1 for large text (headings). Checked: each text
colour on the paper, and the text printed on each background (breaks, social events, tutorials,
session tracks). Also: a track colour for a session the programme does not have.

A pale brand colour makes a booklet unreadable long before it looks wrong on a screen; the warning
names the colour's key in theme.yaml and a shade that would pass.
"""

from __future__ import annotations

from ..data.fields import as_written
from ..data.programme import same_id
from ..data.theme import filled, labels_for
from ..model import Booklet
from ..problems import Problem, did_you_mean
from ..layout.styles import DEFAULT_COLOURS, PAPER, contrast, muted_hex

BODY_TEXT = 4.5  # WCAG AA, normal text
LARGE_TEXT = 3.0  # WCAG AA, large text (headings, day numbers)

FILE = "theme.yaml"

# role -> (what prints in it, the ratio it needs on the paper)
ON_PAPER = {
    "text": ("the body text", BODY_TEXT),
    "accent": ("labels (INVITED TALK, DAY 1), the cover's dates and links, set small", BODY_TEXT),
    "primary": ("headings and day numbers", LARGE_TEXT),
}
# background role -> what it is the background of
BACKGROUNDS = {
    "break": "breaks in the programme",
    "social": "social events and poster sessions in the programme",
    "tutorial": "tutorials in the programme",
}


def check_contrast(booklet: Booklet, lines) -> list[Problem]:
    """`lines` (data.locate.Lines) finds each colour's line in theme.yaml."""
    theme = booklet.theme
    colours = {**DEFAULT_COLOURS, **theme.colours}
    text, accent = colours["text"], colours["accent"]
    muted = muted_hex(text)
    problems = []

    def warn(key: str, message: str) -> None:
        role = key.removeprefix("colours.")
        if "." not in role and lines.line(FILE, key, 0) == 0:  # (not in theme.yaml: the base theme's colour)
            message += (f"; it is the {theme.name} theme's {role} colour: write `{role}:` under `colours:` in "
                        "theme.yaml to change it")
        line = lines.line(FILE, key, lines.line(FILE, "colours", 1))  # (theme.yaml read only for a warning's line)
        problems.append(Problem(FILE, line, key, message, "warning", "contrast"))

    for role, (what, need) in ON_PAPER.items():
        colour = colours[role]
        ratio = contrast(colour, PAPER)
        if ratio < need:
            warn(f"colours.{role}", f"{colour} on white paper has a contrast of {_ratio(ratio)}; {what} "
                 f"need{'s' * what.startswith('the ')} {_ratio(need)} (WCAG AA) to be read easily; "
                 f"a darker shade such as {darker(colour, PAPER, need)} would do")

    backgrounds = [(f"colours.{role}", colours[role], what) for role, what in BACKGROUNDS.items()]
    for index, (name, colour) in enumerate(theme.track_colours.items()):
        backgrounds.append((f"colours.tracks[{index}].colour", colour, f"the heading of the session '{name}'"))
    readable = {ink for ink in (text, muted, accent) if contrast(ink, PAPER) >= BODY_TEXT}  # the rest is told
    for key, background, what in backgrounds:
        inks = [(text, "text"), (muted, "grey text (times, speakers)")]
        if key == "colours.tutorial":
            label = filled(labels_for(booklet.conference.language, theme.labels)["tutorial"], number=1)
            inks.append((accent, f"the label '{label}', in the accent colour"))
        inks = [(ink, name) for ink, name in inks if ink in readable]
        if not inks:
            continue
        worst, ratio, ink_name = min(((ink, contrast(ink, background), name) for ink, name in inks),
                                     key=lambda found: found[1])
        if ratio < BODY_TEXT:
            warn(key, f"{ink_name} ({worst}) on {background}, the background of {what}, has a contrast of "
                 f"{_ratio(ratio)}, less than {_ratio(BODY_TEXT)} (WCAG AA); a lighter shade such as "
                 f"{lighter(background, [ink for ink, _ in inks], BODY_TEXT)} would do")
    return problems + _unknown_tracks(booklet, lines)


def _unknown_tracks(booklet: Booklet, lines) -> list[Problem]:
    """A track colour for a session the programme does not have (a typo leaves its session uncoloured)."""
    sessions = list(dict.fromkeys(as_written(s.name) for day in booklet.days for s in day.sessions()))
    composed = {same_id(session) for session in sessions}
    problems = []
    for index, name in enumerate(booklet.theme.track_colours):
        if name not in composed:
            key = f"colours.tracks[{index}].session"
            hint = did_you_mean(name, sessions)
            problems.append(Problem(FILE, lines.line(FILE, key, 1), key,
                                    f"no session '{name}' in programme.yaml{hint}: its colour is used nowhere",
                                    "warning", "track-colour"))
    return problems


def _ratio(value: float) -> str:
    """4.5 -> '4.5:1', 2.0 -> '2:1'; rounded down, so that a ratio just short never reads as enough."""
    shown = int(value * 10) / 10
    return f"{shown:g}:1"


def _mix(colour: str, other: str, share: float) -> str:
    """`share` of the way from `colour` to `other`, as #RRGGBB."""
    from ..layout.styles import rgb

    return "#" + "".join(f"{round(a + (b - a) * share):02X}" for a, b in zip(rgb(colour), rgb(other)))


def darker(colour: str, background: str, need: float) -> str:
    """The lightest shade of `colour` (mixed with black) that reaches `need` on `background`."""
    for step in range(1, 101):
        shade = _mix(colour, "#000000", step / 100)
        if contrast(shade, background) >= need:
            return shade
    return "#000000"


def lighter(background: str, inks: list[str], need: float) -> str:
    """The strongest tint of `background` (mixed with white) on which every one of `inks` reaches `need`."""
    for step in range(1, 101):
        tint = _mix(background, PAPER, step / 100)
        if all(contrast(ink, tint) >= need for ink in inks):
            return tint
    return PAPER

