"""What a build reports while it runs, for the command line to show as progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

BUILT, UP_TO_DATE, FAILED = "built", "up to date", "failed"
"""How a pack ended."""


@dataclass(frozen=True, slots=True)
class Event:
    """One step of one pack's build."""

    pack: str
    step: str
    """``plan`` (how many packs this build looks at; no pack), ``start`` (the pack's kinds
    are being written), ``kind-start``, ``kind-done`` or ``done``."""
    kind: str | None = None
    """The kind of a ``kind-*`` step."""
    seconds: float | None = None
    """How long a kind (``kind-done``) or the whole pack (``done``) took."""
    status: str | None = None
    """How a pack ended (``done``): ``built``, ``up to date`` or ``failed``."""
    kinds: tuple[str, ...] = ()
    """The kinds being written (``start``)."""
    total: int | None = None
    """How many packs the build looks at (``plan``)."""
    reason: str = ""
    """Why a pack failed (``done``), in a few words."""


OnEvent = Callable[[Event], None]
"""Receives each event, in the process that started the build."""


def ignore(_event: Event) -> None:
    """Receive an event and do nothing with it."""
