"""Forked helper processes: ending them with the process that forked them."""

from __future__ import annotations

import contextlib
import signal


def die_with_parent() -> None:
    """Ask Linux to end this (forked) process when its parent dies, even by SIGKILL, so that
    no helper outlives the command that started it; elsewhere this does nothing."""
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
