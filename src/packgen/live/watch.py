"""Build, then rebuild whenever a project file changes: the loop behind ``watch`` and ``serve``.

This process only builds: it stays single-threaded so that ``builders/jobs.py`` may fork
while it writes a pack. The file watcher (and, for ``serve``, the web server) run in children
forked before the first build; this loop waits for a batch of changed paths from the
watcher, builds, reports, and sends the new page state to the server.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import TYPE_CHECKING

from packgen import api
from packgen.errors import Diagnostic, PackgenError, Severity
from packgen.live import server as http
from packgen.live.changes import gallery_due, watch_project
from packgen.live.children import Child
from packgen.live.page import GALLERY_DECK, Outlines, gallery_entry, page_state

NO_PROJECT = "PG012"
WATCHER_STOPPED = "PG018"

if TYPE_CHECKING:
    from packgen.api import BuildResult


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """One build as ``watch`` and ``serve`` report it."""

    findings: tuple[Diagnostic, ...]
    """Everything the build found (a broken module's error when it stopped early)."""
    summary: str
    """One line: what changed, how many packs were built, how long it took, how it went."""


Report = Callable[[Rebuilt], None]
"""Called after each build, in order; the CLI prints the findings and the summary."""
Say = Callable[[str], None]
"""Called with a line to show once everything has started, before the first build."""
GALLERY_SAID = "template gallery rebuilt"
"""Added to the summary of a ``serve`` build that rebuilt the gallery too."""
WATCHING = "watching content/, templates/ and packgen.toml; press Ctrl-C to stop"


@dataclass
class Loop:
    """The packs to rebuild, where, and whom to tell."""

    root: Path
    pack_ids: tuple[str, ...]
    out_dir: Path | None
    report: Report
    server: Child | None = None
    """The web server process, sent each new page state (``serve`` only)."""

    gallery: bool = False
    """Also build the template gallery (``serve``): first, then when its inputs change."""

    def __post_init__(self) -> None:
        self.outlines = Outlines(api.deck_outline)
        self.shown: list[str] = list(self.pack_ids)
        self.gallery_findings: tuple[Diagnostic, ...] = ()
        self.gallery_built = False

    @property
    def out(self) -> Path:
        """Return the resolved output folder (``PROJECT/build`` unless given)."""
        return (self.out_dir if self.out_dir is not None else self.root / "build").resolve()

    def run(self, watcher: Child) -> None:
        """Build once, then once per batch of changes ``watcher`` sends, until Ctrl-C (or
        SIGTERM, as a service manager stops it)."""
        signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started ignoring it
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            self.rebuild([])
            while True:
                self.rebuild(next_batch(watcher))
        except KeyboardInterrupt:
            return

    def rebuild(self, changed: Sequence[str]) -> None:
        """Build the packs, send the page state to the server and report the outcome."""
        if self.server is not None:
            self.server.pipe.send(("building", None))
        started = time.monotonic()
        result, findings = self._build()
        again = self.gallery and (not changed or gallery_due(changed))
        if again:
            self._build_gallery()
        line = summary(changed, result, findings, time.monotonic() - started)
        line += f"; {GALLERY_SAID}" if again else ""
        rebuilt = Rebuilt(tuple(dict.fromkeys(findings + list(self.gallery_findings))), line)
        if self.server is not None:  # first, so the page is new when the terminal says so
            self.server.pipe.send(("state", self._state(result, findings, rebuilt.summary)))
        self.report(rebuilt)

    def _build(self) -> tuple[BuildResult | None, list[Diagnostic]]:
        try:
            result = api.build(self.root, pack_ids=self.pack_ids, out_dir=self.out_dir)
        except PackgenError as exc:
            return None, list(exc.diagnostics)
        self.shown = [p.pack_id for p in result.packs] or self.shown
        return result, list(dict.fromkeys(result.diagnostics))

    def _build_gallery(self) -> None:
        """Build the gallery beside the packs; keep what it found for the page."""
        made, result = api.gallery(self.root, self.out / GALLERY_DECK)
        self.gallery_findings = tuple(result.diagnostics)
        self.gallery_built = made is not None

    def _state(self, result: BuildResult | None, findings: list[Diagnostic],
               line: str) -> dict[str, object]:
        state = page_state(self.root, self.out, self.shown, findings, result, self.outlines)
        if self.gallery:
            state["packs"].append(gallery_entry(self.out, self.gallery_findings,
                                                self.gallery_built, self.outlines))
        return {**state, "summary": line}


def _interrupt(_signal: int, _frame: object) -> None:
    raise KeyboardInterrupt


def watch(root: Path, pack_ids: Sequence[str], out_dir: Path | None, report: Report,
          ready: Say) -> None:
    """Build ``pack_ids`` (all when none) of the project at ``root``, then rebuild them each
    time a file under ``content/`` or ``templates/``, or ``packgen.toml``, changes; return on
    Ctrl-C. ``ready`` gets the line saying so once the watcher runs; each build is reported
    through ``report``, and a failing one does not stop the loop."""
    loop = Loop(checked_root(root), tuple(pack_ids), out_dir, report)
    with_children(loop, [], lambda: ready(WATCHING))


def serve(root: Path, pack_ids: Sequence[str], out_dir: Path | None, port: int,
          report: Report, ready: Say) -> None:
    """Serve a preview of the packs on 127.0.0.1:``port`` (0: any free port) and rebuild
    them as ``watch`` does, until Ctrl-C. The page also shows the template gallery, built
    first and again whenever ``templates/`` (or the spaces, glossary or settings) change.

    ``ready`` gets the line naming the page's address (``serving http://127.0.0.1:PORT/``)
    once the port is open and the helpers run, before the first build; each build is
    reported through ``report`` and shown on the page, which reloads itself.
    """
    loop = Loop(checked_root(root), tuple(pack_ids), out_dir, report, gallery=True)
    listening = http.listen(port)
    try:
        loop.server = Child.start(http.run, listening, loop.out)
    finally:
        listening.server_close()
    line = f"serving {http.url(listening)} (press Ctrl-C to stop)"
    with_children(loop, [loop.server], lambda: ready(line))


def with_children(loop: Loop, others: list[Child], started: Callable[[], None]) -> None:
    """Run ``loop`` with a watcher child (and ``others``, already started), calling
    ``started`` once they run; stop them all at the end."""
    watcher = Child.start(watch_project, loop.root, loop.out)
    try:
        started()
        loop.run(watcher)
    finally:
        for child in [watcher, *others]:
            child.stop()


def checked_root(root: Path) -> Path:
    """Return the project folder resolved; a missing one is an error before anything starts."""
    if not root.is_dir():
        raise PackgenError(f"project folder not found: {root}", code=NO_PROJECT)
    return root.resolve()


def next_batch(watcher: Child) -> list[str]:
    """Wait for the watcher's next batch of changed paths; take any that queued behind it.

    A watcher that stopped is a PackgenError: nothing would be rebuilt any more.
    """
    wait([watcher.pipe])
    changed = set(_batch(watcher))
    while watcher.pipe.poll():
        changed.update(_batch(watcher))
    return sorted(changed)


def _batch(watcher: Child) -> list[str]:
    try:
        message = watcher.pipe.recv()
    except EOFError:
        message = "the file watcher stopped"
    if isinstance(message, str):
        raise PackgenError(message, code=WATCHER_STOPPED)
    return message


def summary(changed: Sequence[str], result: BuildResult | None, findings: Sequence[Diagnostic],
            seconds: float) -> str:
    """Return the one line said after a build."""
    why = f"{_changes(changed)}: " if changed else ""
    counts = _counts(findings)
    built = 0 if result is None else sum(p.ok for p in result.packs)
    failed = any(d.severity is Severity.ERROR for d in findings)
    if result is None or (not built and failed):
        return f"{why}build stopped ({counts}); fix it and save to rebuild"
    packs = len(result.packs)
    return (f"{why}built {built} of {packs} pack{'s' if packs != 1 else ''} in "
            f"{seconds:.1f} s ({counts})")


def _changes(changed: Sequence[str]) -> str:
    more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
    return f"{changed[0]}{more} changed"


def _counts(findings: Sequence[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in findings)
    warnings = sum(d.severity is Severity.WARNING for d in findings)
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"
