"""Turn a build's events into what a person reads while it runs: one line per pack as it ends,
a status line of what is being written (for a terminal), and a closing summary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from packgen.output.events import BUILT, FAILED, UP_TO_DATE, Event


@dataclass
class Progress:
    """Follow one build's events; ``verbose`` adds the seconds each kind took."""

    verbose: bool = False
    total: int | None = None
    ended: dict[str, str] = field(default_factory=dict)
    """Pack id to how it ended, in the order packs ended."""
    reasons: dict[str, str] = field(default_factory=dict)
    """Failed pack id to why it failed."""
    writing: dict[str, list[str]] = field(default_factory=dict)
    """Pack id to the kinds still being written."""
    seconds: dict[str, dict[str, float]] = field(default_factory=dict)

    def feed(self, event: Event) -> list[str]:
        """Take one event; return the lines it completes (a pack that ended)."""
        if event.step == "plan":
            self.total = event.total
        elif event.step == "start":
            self.writing[event.pack] = list(event.kinds)
        elif event.step == "kind-done" and event.kind is not None:
            self.seconds.setdefault(event.pack, {})[event.kind] = event.seconds or 0.0
            if event.kind in self.writing.get(event.pack, []):
                self.writing[event.pack].remove(event.kind)
        elif event.step == "done":
            self.writing.pop(event.pack, None)
            self.ended[event.pack] = event.status or BUILT
            if event.status == FAILED:
                self.reasons[event.pack] = event.reason
            return [self._ended_line(event)]
        return []

    def status(self) -> str:
        """Return the status line: how many packs are done and what is being written."""
        done = f"{len(self.ended)}/{self.total}" if self.total else f"{len(self.ended)}"
        busy = ", ".join(f"{pack} ({', '.join(kinds) or 'finishing'})"
                         for pack, kinds in self.writing.items())
        return f"[{done}] building {busy}" if busy else f"[{done}]"

    def summary(self, where: str) -> str:
        """Return the closing line: how many packs were built, up to date or failed."""
        counts = [(sum(1 for s in self.ended.values() if s == status), status)
                  for status in (BUILT, UP_TO_DATE, FAILED)]
        said = ", ".join(f"{n} {status}" for n, status in counts if n) or "nothing to do"
        if self.reasons:
            said += f" ({', '.join(self.reasons)})"
        packs = len(self.ended)
        return f"{packs} pack{'s' if packs != 1 else ''} in {where}: {said}"

    def _ended_line(self, event: Event) -> str:
        status = event.status or BUILT
        if status == FAILED and event.reason:
            return f"{status:>10} {event.pack}: {event.reason}"
        if status != BUILT:
            return f"{status:>10} {event.pack}"
        kinds = self.seconds.get(event.pack, {})
        if self.verbose:
            parts = ", ".join(f"{k} {s:.2f} s" for k, s in kinds.items())
            return f"{status:>10} {event.pack}: {parts} ({event.seconds or 0:.2f} s)"
        return f"{status:>10} {event.pack}: {_kinds(list(kinds))} in {event.seconds or 0:.1f} s"


def _kinds(kinds: Sequence[str]) -> str:
    return ", ".join(kinds) if kinds else "rules only"
