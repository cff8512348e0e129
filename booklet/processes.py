"""A function -> run in a forked process whose messages come back through a pipe (Forked).

The build and the proofs use it where a second process pays and needs nothing of multiprocessing: the proofs'
build runs in one while the proofs' writers load; a big posters file is read in one while the abstracts are
read here (data.validate).
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from contextlib import contextmanager


_CLOSED_WHEN_FORKED: list = []  # what a process Forked closes first (see closed_when_forked)


@contextmanager
def closed_when_forked(ends):
    """Inside the block, a process Forked closes `ends` first (connections): this process's ends of its workers' pipes
    (output.parallel), which, held open by another process, would keep the workers from seeing this one gone."""
    _CLOSED_WHEN_FORKED.extend(ends)
    try:
        yield
    finally:
        for end in ends:
            _CLOSED_WHEN_FORKED.remove(end)


class Forked:
    """`target(sending, *args)` run in a forked process, which sends this one messages (`sending.send(message)`)
    that `recv` gives here in order; EOFError after the last. A bare fork and a pipe: the build's process needs
    nothing of multiprocessing, whose import and start cost about a hundredth of a second."""

    def __init__(self, target, *args):
        _flush_std_streams()  # what this process has yet to write is not written by the other one too
        reading, writing = os.pipe()
        try:
            self.pid = os.fork()
        except OSError:  # no process to be had (a limit on processes, memory): the caller does the work itself
            os.close(reading)
            os.close(writing)
            raise
        if self.pid == 0:  # the forked process: runs `target`, then ends; never returns to the caller
            code = 1
            try:
                # stopped (terminate): unwound, so that what it started is ended too (a build's workers)
                signal.signal(signal.SIGTERM, _stopped)
                os.close(reading)
                for end in _CLOSED_WHEN_FORKED:
                    end.close()
                with open(writing, "wb") as file:
                    target(Sending(file), *args)
                code = 0
            finally:
                try:
                    _flush_std_streams()
                finally:
                    os._exit(code)
        os.close(writing)
        self._receiving = open(reading, "rb")
        self.exitcode: int | None = None

    def recv(self):
        try:
            return pickle.load(self._receiving)
        except pickle.UnpicklingError:  # cut short: the process ended while it was sending
            raise EOFError from None

    def close(self) -> None:
        self._receiving.close()

    def terminate(self) -> None:
        """End the process (it unwinds: see _stopped), this end of the pipe closed first: what it still
        writes fails at once rather than waiting for a reader that is gone."""
        self.close()
        if self.exitcode is None:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:  # ended and reaped already (a program that ignores SIGCHLD)
                pass

    def join(self) -> None:
        if self.exitcode is None:
            try:
                self.exitcode = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
            except ChildProcessError:  # reaped already (SIGCHLD ignored): its status is not known
                self.exitcode = 0

    def end(self, finished: bool) -> None:
        """This end of the pipe closed and the process waited for; ended first when not `finished` (this one
        stopped listening: it may be blocked sending what nobody reads now)."""
        if finished:
            self.close()
        else:
            self.terminate()  # (closes this end first)
        self.join()


def _stopped(signum, frame):
    """SIGTERM in a forked process: unwound as an exit, so that its finally blocks end what it started."""
    raise SystemExit(1)


def forks_pay() -> bool:
    """Whether work may be handed to a forked process here to run beside this one: processes can be forked,
    and this one may use more than one core."""
    return hasattr(os, "fork") and cores() >= 2


MAX_JOBS = 16  # processes a build may be asked for (`--jobs`): more never pays, and a thousand forks exhaust memory


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity where the system has none to tell
        return os.cpu_count() or 1


def _flush_std_streams() -> None:
    """Standard output and error flushed, where there are any (a closed one is None) and they can be."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass


class Sending:
    """The sending end of a Forked's pipe."""

    def __init__(self, file):
        self._file = file

    def send(self, message) -> None:
        pickle.dump(message, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.flush()

    def close(self) -> None:
        self._file.close()
