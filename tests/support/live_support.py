"""Run ``packgen watch`` / ``serve`` as a user would, read what they print, stop them."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from where import REPO

PACK = "staff-intro"
"""The shipped pack these tests build (one pack: about two seconds a build)."""
MODULE = "content/modules/welcome.md"
"""A module of that pack whose speaker notes go into the facilitator guide."""
NOTES = "Welcome people as they arrive"
"""Text of those notes, replaced by the tests' own."""
BROKEN = ("duration: 8\n", "duration: [8\n")
"""Makes the module's front matter invalid YAML (and back)."""


def shipped_project(dest: Path) -> Path:
    """Return ``dest`` holding a copy of the shipped ``content/``."""
    shutil.copytree(REPO / "content", dest / "content")
    return dest


def edit(root: Path, old: str, new: str, name: str = MODULE) -> None:
    """Replace ``old`` by ``new`` in a project file, as an editor saving it would."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class Running:
    """One ``packgen`` command started in the background, its output read line by line."""

    def __init__(self, *args: str, cwd: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen([sys.executable, "-m", "packgen", *args], cwd=cwd,
                                        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        stdin=subprocess.DEVNULL, text=True)
        self.seen: list[tuple[str, str]] = []
        self.cursor = {"stdout": 0, "stderr": 0}
        self.arrived = threading.Condition()
        for name in ("stdout", "stderr"):
            threading.Thread(target=self._read, args=(name,), daemon=True).start()

    def wait_for(self, pattern: str, timeout: float = 90, stream: str = "stderr") -> str:
        """Return the first line of ``stream`` after the last one matched there that matches
        ``pattern``; fail after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                lines = [(i, ln) for i, (name, ln) in enumerate(self.seen)
                         if name == stream and i >= self.cursor[stream]]
                match = next(((i, ln) for i, ln in lines if re.search(pattern, ln)), None)
                if match is not None:
                    self.cursor[stream] = match[0] + 1
                    return match[1]
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self.arrived.wait(timeout=min(left, 1))
        raise AssertionError(f"no line matching {pattern!r} on {stream} in {timeout} s; saw:\n"
                             + "\n".join(f"{n}: {ln}" for n, ln in self.seen[-40:]))

    def children(self) -> list[int]:
        """Return the process ids of everything this command started, at any depth."""
        return descendants(self.process.pid)

    def interrupt(self, timeout: float = 30) -> int:
        """Press Ctrl-C (SIGINT); return the exit status."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=timeout)

    def stop(self) -> None:
        """End the command if a test left it running (and whatever it started)."""
        if self.process.poll() is None:
            for pid in [self.process.pid, *self.children()]:
                with _gone():
                    os.kill(pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def _read(self, name: str) -> None:
        for line in getattr(self.process, name):
            with self.arrived:
                self.seen.append((name, line.rstrip("\n")))
                self.arrived.notify_all()


def descendants(pid: int) -> list[int]:
    """Return the ids of the processes below ``pid`` (Linux: read from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with _gone():
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        kids = [child for child, parent in parents.items() if parent == current]
        found += kids
        todo += kids
    return found


def alive(pid: int) -> bool:
    """Return True while a process runs (a zombie waiting for its parent does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _gone() -> contextlib.suppress:
    """Ignore a process that ended while it was looked at."""
    return contextlib.suppress(OSError, ValueError, IndexError)
