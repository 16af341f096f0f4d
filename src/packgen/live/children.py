"""The helper processes of ``watch`` and ``serve``: forked once, ended with the command.

The building process must keep a single thread (``builders/jobs.py`` forks only then), so
whatever needs threads (the file watcher, the web server) runs in a child forked before the
first build, and talks to the builder over a pipe.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from collections.abc import Callable
from typing import TYPE_CHECKING

from packgen.processes import die_with_parent

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

Main = Callable[..., None]
"""A child's work: called with its end of the pipe first, then the arguments it was given."""


class Child:
    """One forked helper process and the builder's end of the pipe to it."""

    def __init__(self, process: multiprocessing.process.BaseProcess, pipe: Connection) -> None:
        self.process, self.pipe = process, pipe

    @classmethod
    def start(cls, main: Main, *args: object) -> Child:
        """Fork a child running ``main(pipe, *args)`` and return it.

        The child ignores Ctrl-C (the builder stops it) and dies with the builder.
        """
        context = multiprocessing.get_context("fork")
        mine, theirs = context.Pipe(duplex=True)
        process = context.Process(target=_run, args=(main, theirs, mine, args), daemon=True)
        process.start()
        theirs.close()
        return cls(process, mine)

    def stop(self) -> None:
        """End the child (SIGTERM, then SIGKILL if it lingers) and wait for it."""
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        with contextlib.suppress(OSError):
            self.pipe.close()


def _run(main: Main, pipe: Connection, other: Connection, args: tuple[object, ...]) -> None:
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    other.close()
    with contextlib.suppress(EOFError, OSError, BrokenPipeError):
        main(pipe, *args)
