"""The build's progress bar -> shown on a terminal after a delay, never when output is piped."""

from __future__ import annotations

import io

from booklet.cli import ProgressBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_on_a_terminal_after_the_delay(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    stream = Terminal()
    bar = ProgressBar(stream)
    bar.DELAY = 0
    assert bar.enabled
    bar.update(50, 200)
    bar.clear()
    assert "Laying out the booklet [#######.......................]  25%" in stream.getvalue()
    assert stream.getvalue().endswith("\r")


def test_progress_bar_stays_quiet_when_piped_or_in_ci(monkeypatch):
    assert not ProgressBar(io.StringIO()).enabled
    monkeypatch.setenv("CI", "true")
    assert not ProgressBar(Terminal()).enabled


def test_progress_bar_waits_before_showing(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    stream = Terminal()
    bar = ProgressBar(stream)
    bar.update(10, 20)
    bar.clear()
    assert stream.getvalue() == ""
