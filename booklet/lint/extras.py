"""The extra pages -> warnings for those whose `after:` names a section that theme.yaml's `sections` leaves out
(such a page goes at the end, before the Notes pages and the back cover)."""

from __future__ import annotations

from ..model import Booklet
from ..problems import Problem


def check_extra_pages(booklet: Booklet) -> list[Problem]:
    from ..layout.extras import place_of

    problems = []
    for page in booklet.conference.extra_pages:
        if page.after and place_of(page, booklet.theme.sections) is None and page.source:
            problems.append(Problem(page.source.file, page.source.line, page.source.key,
                                    f"'{page.after}' is not printed (theme.yaml's `sections` leaves it out): the page "
                                    "goes at the end, before the Notes pages and the back cover", "warning",
                                    "extra-page-place"))
    return problems
