"""One lock per pack folder, held by the build of that pack from recovery to swap.

The lock is an operating-system file lock on ``OUT/.<pack>.lock`` (``flock`` on Linux and
macOS, ``LockFileEx`` on Windows, through ``filelock``), so it dies with its process: a
leftover staging folder whose pack lock nobody holds belongs to a dead build, whatever
process now runs under the id it was made with.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from packgen.errors import PackgenError

WAIT_VARIABLE = "PACKGEN_LOCK_WAIT"
DEFAULT_WAIT = 120.0
"""Seconds a build waits for another build of the same pack before giving up."""


def lock_path(out_dir: Path, pack_id: str) -> Path:
    """Return the lock file of one pack's output folder."""
    return out_dir / f".{pack_id}.lock"


class PackLock:
    """The lock on one pack's output folder; the lock file is removed when released."""

    def __init__(self, out_dir: Path, pack_id: str, display: str) -> None:
        self.path = lock_path(out_dir, pack_id)
        self.pack_id = pack_id
        self.display = display
        from filelock import FileLock  # about 0.1 s to import: only when a pack is built

        self._lock = FileLock(self.path, thread_local=False, fallback_to_soft=False)

    def acquire(self) -> None:
        """Take the lock, waiting a bounded time for another build of the same pack."""
        from filelock import Timeout

        wait = wait_seconds()
        try:
            self._lock.acquire(timeout=wait)
        except Timeout:
            raise PackgenError(
                f"another packgen build of pack '{self.pack_id}' is still writing here "
                f"(waited {wait:g} s for it): run one build at a time, or raise "
                f"{WAIT_VARIABLE}", self.display, code="PG005") from None

    def release(self) -> None:
        """Remove the lock file while still holding it, then let go.

        Removing it first is safe: a build waiting on the old file notices that the file it
        locked has no name any more and locks the new one.
        """
        if not self._lock.is_locked:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        self._lock.release(force=True)


def wait_seconds() -> float:
    """Return how long to wait for the lock: ``PACKGEN_LOCK_WAIT`` seconds, or the default."""
    text = os.environ.get(WAIT_VARIABLE, "").strip()
    try:
        value = float(text) if text else DEFAULT_WAIT
    except ValueError:
        return DEFAULT_WAIT
    return value if value >= 0 else DEFAULT_WAIT
