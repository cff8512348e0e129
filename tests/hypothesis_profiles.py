"""The Hypothesis profiles of the property tests, registered once and loaded by conftest, so that every module's
properties follow it, a module run alone too (test_name_blocking's drew fresh examples each run alone): "default",
CI's, short and reproducible (derandomized: the same examples every run); "release", many more examples, fresh ones every run, chosen with BOOKLET_HYPOTHESIS=release:

    BOOKLET_HYPOTHESIS=release .venv/bin/python -m pytest -q tests/test_properties.py tests/test_paragraphs.py

A release run that fails prints the failing example and a `@reproduce_failure(...)` line that replays it when put
on the test; it also keeps the example in .hypothesis/, and the next release run tries it first.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

settings.register_profile("default", max_examples=40, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
# (derandomize and the database given, not inherited: a profile registered without a parent takes the settings of
# the profile loaded, here the "default" above, with no database)
settings.register_profile("release", max_examples=1500, deadline=None, derandomize=False,
                          database=DirectoryBasedExampleDatabase(".hypothesis/examples"), print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("BOOKLET_HYPOTHESIS", "default"))


def following_the_profile(at_least: int, **changes) -> settings:
    """Settings for a property that draws at least `at_least` examples (more when the profile loaded draws more: the
    release's 1,500) and otherwise follows the profile: the same examples every run in CI, fresh ones at a release
    (a property's own `derandomize=True` drew the same ones at a release too). `changes`: other settings of its own
    (suppress_health_check, ...)."""
    return settings(settings.default, max_examples=max(at_least, settings.default.max_examples), **changes)
