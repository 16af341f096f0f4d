"""Write the output kinds of one pack side by side, one group of kinds per process.

The deck needs python-pptx and the documents python-docx and the print engine; neither
waits for the other, so on a machine with two or more cores they are written at once. The
children are forked from the process that loaded and tailored the pack, so nothing is
loaded, tailored or checked twice, and each child only writes files into the staging
folder and sends back what it wrote. Results are gathered in kind order, so the outputs,
the manifest and the findings are the same as one process writing each kind in turn.

Forking is used on Linux only: macOS and Windows start children afresh, which would cost
more than it saves. It is also used only while this process runs a single thread: once the
Typst compiler has run here it keeps a pool of worker threads, and a forked child would wait
forever on threads that did not come with it (a long-running process, such as a test run,
builds many packs). Otherwise, or with ``jobs=1``, the kinds are written one after another.

While a child writes, this process imports the libraries that the child's kinds need (only
importing: nothing starts a thread), so that the children of the next pack start with them
loaded instead of importing python-docx and the print engine again.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from packgen.builders import Output, get_builder
from packgen.errors import Diagnostic, InternalError, PackgenError
from packgen.processes import die_with_parent
from packgen.writers import FORMATS, writer

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from packgen.model import TailoredPack

Finish = Callable[[Output], Sequence[Diagnostic]]
"""Called on each output once it is written, in the process that wrote it; returns findings
about the written file (the deck's overflow check)."""
Emit = Callable[[str, str, float | None], None]
"""Called as ``emit(kind, "start" | "done", seconds)`` around each kind, in the process that
writes it (so it must work from a forked child: a pipe or queue, or a no-op)."""


@dataclass
class Written:
    """What a group of kinds produced: its outputs, the findings ``finish`` returned for them
    by kind, and the seconds each kind took."""

    outputs: list[Output] = field(default_factory=list)
    findings: dict[str, list[Diagnostic]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, other: Written) -> None:
        """Append another group's results (kinds never repeat between groups)."""
        self.outputs.extend(other.outputs)
        self.findings.update(other.findings)
        self.seconds.update(other.seconds)
Outcome = tuple[str, object]
"""``("ok", Written)``, ``("error", (Diagnostic, …))``, ``("oserror", OSError)`` (a
file that could not be written: raised here as it would be in one process) or ``("crash",
traceback text)``."""


def available_jobs() -> int:
    """Return how many processes may build at once: the cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def build_kinds(tp: TailoredPack | Sequence[TailoredPack], kinds: Sequence[str], folder: Path,
                jobs: int,
                finish: Finish, meanwhile: Callable[[], None] | None = None,
                emit: Emit | None = None) -> Written:
    """Write ``kinds`` of ``tp`` into ``folder``; return the outputs and the findings about
    them, in kind order. ``tp`` may be a bilingual pack's versions: each kind is then
    written once per version, in their order.

    With ``jobs`` above 1 (and a system that forks), the kinds are split into up to ``jobs``
    groups: the first is written here, each other one in a forked child. ``meanwhile`` runs
    here once the children have started and before this process writes its own group (the
    pack's rules, which the writers do not need): if it raises, the children are stopped. A
    PackgenError in any group is raised once every group has finished, carrying every
    group's errors.
    """
    groups = split(kinds, jobs if can_fork() else 1)
    versions = tuple(tp) if isinstance(tp, (list, tuple)) else (tp,)
    write = _Writer(versions, folder, finish, emit or _silent)
    children = [_Child.start(group, write) for group in groups[1:]]
    try:
        if meanwhile is not None:
            meanwhile()
        own = _own(groups[0], write)
        preload([kind for group in groups[1:] for kind in group])
        outcomes = [own] + [c.outcome() for c in children]
    finally:
        for child in children:
            child.stop()
    return _gather(outcomes)


def split(kinds: Sequence[str], jobs: int) -> list[list[str]]:
    """Return ``kinds`` in at most ``jobs`` groups, keeping their order: the deck alone, the
    documents together (they share python-docx), with three or more jobs each kind alone."""
    if jobs <= 1 or len(kinds) <= 1:
        return [list(kinds)]
    if jobs >= len(kinds):
        return [[kind] for kind in kinds]
    first, rest = list(kinds[:1]), list(kinds[1:])
    return [first, *split(rest, jobs - 1)]


# --- private -----------------------------------------------------------------------------


def can_fork() -> bool:
    """Return True where this process may fork workers: Linux, and a single thread."""
    return sys.platform == "linux" and _threads() == 1


def _threads() -> int:
    """Return the threads this process runs, native ones included (Linux only)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 0


def preload(kinds: Sequence[str]) -> None:
    """Import the writers of ``kinds`` (only importing: nothing starts a thread), so that the
    processes forked later start with them loaded."""
    for kind in kinds:
        for fmt in FORMATS[kind]:
            writer(kind, fmt)


def _silent(_kind: str, _step: str, _seconds: float | None) -> None:
    """Report nothing (no one listens)."""


@dataclass(frozen=True)
class _Writer:
    """Write groups of kinds of one pack into one folder."""

    versions: tuple[TailoredPack, ...]
    folder: Path
    finish: Finish
    emit: Emit

    def __call__(self, group: Sequence[str]) -> Written:
        """Write each kind of ``group`` in turn; return what it produced."""
        written = Written()
        for kind in group:
            self.emit(kind, "start", None)
            began = time.perf_counter()
            findings: list[Diagnostic] = []
            for tp in self.versions:
                for output in get_builder(kind).build(tp, self.folder):
                    findings.extend(self.finish(output))
                    written.outputs.append(output)
            written.findings[kind] = findings
            written.seconds[kind] = time.perf_counter() - began
            self.emit(kind, "done", written.seconds[kind])
        return written


def _own(group: Sequence[str], write: _Writer) -> Outcome:
    """Write this process's group; a bug raises here, with its own traceback."""
    try:
        return "ok", write(group)
    except PackgenError as exc:
        return "error", exc.diagnostics


def _gather(outcomes: list[Outcome]) -> Written:
    errors: list[Diagnostic] = []
    written = Written()
    for status, value in outcomes:
        if status == "crash":
            raise InternalError(f"a build process failed:\n{value}")
        if status == "oserror":
            raise value  # type: ignore[misc]
        if status == "error":
            errors.extend(value)  # type: ignore[arg-type]
        else:
            written.add(value)  # type: ignore[arg-type]
    if errors:
        raise PackgenError.many(errors)
    return written


class _Child:
    """One forked process writing a group of kinds and sending back its outcome."""

    def __init__(self, process: multiprocessing.process.BaseProcess, pipe: Connection,
                 group: Sequence[str]) -> None:
        self.process, self.pipe, self.group = process, pipe, group

    @classmethod
    def start(cls, group: Sequence[str], write: _Writer) -> _Child:
        """Fork a child that writes ``group`` and return it."""
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_run_child, args=(group, write, send), daemon=True)
        process.start()
        send.close()
        return cls(process, receive, group)

    def outcome(self) -> Outcome:
        """Wait for the child and return what it sent."""
        try:
            outcome = self.pipe.recv()
        except EOFError:
            self.process.join()
            why = (f"the process writing {', '.join(self.group)} ended with exit code "
                   f"{self.process.exitcode} before it finished")
            outcome = ("crash", why)
        self.process.join()
        return outcome

    def stop(self) -> None:
        """End the child if it still runs (after an error or an interrupt here)."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.pipe.close()


def _run_child(group: Sequence[str], write: _Writer, send: Connection) -> None:
    die_with_parent()  # nothing writes into a staging folder the next build cleans up
    try:
        outcome: Outcome = "ok", write(group)
    except KeyboardInterrupt:
        return
    except PackgenError as exc:
        outcome = "error", exc.diagnostics
    except OSError as exc:
        outcome = "oserror", OSError(exc.errno, exc.strerror, exc.filename)
    except Exception:  # noqa: BLE001 - a bug: its traceback goes back to the parent
        outcome = "crash", traceback.format_exc()
    send.send(outcome)
    send.close()
