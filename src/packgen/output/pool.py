"""Build packs side by side, one forked process per core, results in the order asked for.

The processes are forked from the one that loaded the project, so nothing is loaded twice:
each is handed one pack id at a time and sends back the pack's result and findings. Progress
events from every process (and from the processes they fork to write a pack's kinds) come
back on one pipe, shared under a lock, and reach ``on_event`` in the first process as they
happen. Forking is used where ``builders.jobs`` uses it (Linux, a single-threaded process);
otherwise the packs are built one after another here.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from functools import partial
from multiprocessing.connection import Connection, wait
from typing import TypeVar

from packgen.builders.jobs import can_fork
from packgen.errors import InternalError
from packgen.output.events import Event, OnEvent
from packgen.processes import die_with_parent

RECYCLE_AFTER = 1
"""Packs a worker builds before a fresh one takes its place. The print engine's caches grow
with every document it compiles (30-40 MB a pack), so a worker that lived on would grow
with the catalogue; a fresh fork starts again from the first process, which has the project
loaded and the writers imported, and costs a few milliseconds."""
R = TypeVar("R")
Work = Callable[[str, OnEvent], R]
"""Build one pack, reporting progress to the given callback; return its outcome."""


def build_packs(pack_ids: Sequence[str], work: Work[R], processes: int, on_event: OnEvent
                ) -> list[R]:
    """Return ``work(pack_id, emit)`` for each pack id, in order, run by up to ``processes``
    forked processes (none: here, one pack after another). A bug in a process is raised here
    as InternalError with its traceback."""
    if processes < 1 or not pack_ids or not can_fork():
        return [work(pack_id, on_event) for pack_id in pack_ids]
    return _Pool(work, min(processes, len(pack_ids)), on_event).run(pack_ids)


class _Pool:
    """Forked workers, a queue of pack ids, and the shared pipe of progress events."""

    def __init__(self, work: Work[R], size: int, on_event: OnEvent) -> None:
        context = multiprocessing.get_context("fork")
        self.events, sender = context.Pipe(duplex=False)
        lock = context.Lock()

        def emit(event: Event) -> None:
            with lock:
                sender.send(event)

        self.on_event = on_event
        self.events_open = True
        self.sender = sender  # kept open here: workers started later inherit it
        self.start = partial(_Worker.start, context, work, emit)
        self.workers = [self.start() for _ in range(size)]

    def run(self, pack_ids: Sequence[str]) -> list[R]:
        """Hand out every pack id, gather the outcomes, stop the workers."""
        queue, results = deque(enumerate(pack_ids)), {}
        try:
            for worker in self.workers:
                worker.give(queue)
            while len(results) < len(pack_ids):
                busy = [w.conn for w in self.workers if w.job is not None]
                events = [self.events] if self.events_open else []
                for ready in wait([*events, *busy]):
                    self._read(ready, queue, results)
            if self.events_open:
                self._drain()
        finally:
            for worker in self.workers:
                worker.stop()
            self.sender.close()
            self.events.close()
        return [results[i] for i in range(len(pack_ids))]

    def _read(self, ready: object, queue: deque[tuple[int, str]], results: dict[int, R]
              ) -> None:
        if ready is self.events:
            if not self._event():
                self.events_open = False
            return
        slot, worker = next((i, w) for i, w in enumerate(self.workers) if w.conn is ready)
        index, outcome = worker.take()
        results[index] = outcome
        if worker.built >= RECYCLE_AFTER and queue:
            worker.give(deque())  # tells it to end
            worker.stop()
            worker = self.workers[slot] = self.start()
        worker.give(queue)

    def _event(self) -> bool:
        """Pass on one event; return False when every process has closed the pipe."""
        try:
            event = self.events.recv()
        except EOFError:
            return False
        self.on_event(event)
        return True

    def _drain(self) -> None:
        """Pass on the events still in the pipe (a pack's last ones come before its result)."""
        while self.events.poll(0) and self._event():
            pass


class _Worker:
    """One forked process building the packs it is given, one at a time."""

    def __init__(self, process: multiprocessing.process.BaseProcess, conn: Connection) -> None:
        self.process, self.conn = process, conn
        self.job: tuple[int, str] | None = None
        self.built = 0

    @classmethod
    def start(cls, context: multiprocessing.context.BaseContext, work: Work[R],
              emit: OnEvent) -> _Worker:
        """Fork a worker and return it."""
        mine, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs, work, emit))  # may fork kinds
        process.start()
        theirs.close()
        return cls(process, mine)

    def give(self, queue: deque[tuple[int, str]]) -> None:
        """Send the next pack id, or tell the worker to end when there is none."""
        self.job = queue.popleft() if queue else None
        self.conn.send(self.job[1] if self.job else None)

    def take(self) -> tuple[int, object]:
        """Return the index and the outcome of the pack this worker built."""
        assert self.job is not None
        index, pack_id = self.job
        try:
            status, value = self.conn.recv()
        except EOFError:
            self.process.join()
            raise InternalError(f"the process building {pack_id} ended with exit code "
                                f"{self.process.exitcode} before it finished") from None
        if status == "crash":
            raise InternalError(f"the process building {pack_id} failed:\n{value}")
        self.built += 1
        return index, value

    def stop(self) -> None:
        """End the worker if it still runs (after an error or an interrupt here)."""
        self.process.join(timeout=5)  # an interrupted worker cleans its staging folder up
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
        self.conn.close()


def _serve(conn: Connection, work: Work[R], emit: OnEvent) -> None:
    die_with_parent()
    try:
        while (pack_id := conn.recv()) is not None:
            try:
                outcome: tuple[str, object] = "ok", work(pack_id, emit)
            except Exception:  # noqa: BLE001 - a bug: its traceback goes back to the parent
                outcome = "crash", traceback.format_exc()
            conn.send(outcome)
    except (KeyboardInterrupt, EOFError):
        return
