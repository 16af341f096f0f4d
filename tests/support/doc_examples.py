"""The examples of README.md and docs/*.md: every fenced block of a runnable kind, with the
comment before it that says what it is.

The convention (docs/architecture.md, "Examples in the documentation"):

* A ``markdown``, ``yaml`` or ``toml`` block is a project file. The HTML comment on the line
  before it names the file: ``<!-- file: content/modules/power.md -->``. ``, body`` after the
  name marks a module body (the test adds front matter), ``, part`` a part of a body that
  makes no slide of its own (the test adds front matter and a slide), ``, front matter`` a
  module's front matter alone (the test adds a slide), and ``, fails PGnnn`` a bad example
  shown on purpose (its build must fail with that code). ``, pending: what`` marks an example
  of what packgen does not do yet: it is expected to fail until it builds. A module with an
  easy-read block is built as an easy-read deck too.
* A ``sh`` or ``console`` block holds commands: each line that runs packgen (``packgen ...``,
  ``$ packgen ...``, ``.venv/bin/packgen ...``) is run in a copy of the shipped project and
  must exit 0, or with the status ``<!-- run: exits N -->`` names.
* ``<!-- not run: why -->`` marks a block that is deliberately not runnable (an output sample,
  a CI workflow, a session that never ends); the reason is required.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from where import REPO

FILE_KINDS = ("markdown", "md", "yaml", "yml", "toml")
SHELL_KINDS = ("sh", "shell", "bash", "console")
PAGES = (REPO / "README.md", *sorted((REPO / "docs").glob("*.md")))
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\s]*)[^`]*$")
_MARKER = re.compile(r"^\s*<!--\s*(?P<text>.*?)\s*-->\s*$")
_FILE = re.compile(r"^file:\s*(?P<path>[^,\s]+)(?P<flags>(?:\s*,\s*[^,]+)*)$")
_COMMAND = re.compile(r"^(?:\$\s+)?(?:\S*/)?packgen\s")


@dataclass(frozen=True)
class Example:
    """One fenced block of a runnable kind, where it stands and what its marker says."""

    page: str
    line: int
    kind: str
    text: str
    marker: str | None

    @property
    def id(self) -> str:
        """Return ``page:line``, the test id."""
        return f"{self.page}:{self.line}"

    @property
    def file(self) -> str | None:
        """Return the project file the example is, from ``file: PATH``; None otherwise."""
        found = _FILE.match(self.marker or "")
        return found["path"] if found else None

    @property
    def flags(self) -> tuple[str, ...]:
        """Return the words after the file name: ``body``, ``front matter``, ``fails PG111``."""
        found = _FILE.match(self.marker or "")
        return tuple(f.strip() for f in found["flags"].split(",") if f.strip()) if found else ()

    @property
    def fails_with(self) -> str | None:
        """Return the code a bad example must fail with, or None for a good one."""
        return next((f.split()[1] for f in self.flags if f.startswith("fails ")), None)

    @property
    def pending(self) -> str | None:
        """Return what a ``pending: what`` example waits for, or None."""
        return next((f.split(":", 1)[1].strip() for f in self.flags
                     if f.startswith("pending:")), None)

    @property
    def not_run(self) -> bool:
        """Return True for a block marked ``not run: why``."""
        return bool(re.match(r"not run:\s*\S", self.marker or ""))

    @property
    def commands(self) -> list[str]:
        """Return the packgen command lines of a shell block, ``$ `` and the folder dropped."""
        lines = [ln.strip() for ln in self.text.splitlines()]
        return [re.sub(r"^(?:\$\s+)?(?:\S*/)?", "", ln, count=1)
                for ln in lines if _COMMAND.match(ln)]

    @property
    def exit_status(self) -> int:
        """Return the status each command must exit with (``run: exits N``; 0 by default)."""
        found = re.match(r"run:\s*exits\s+(\d+)", self.marker or "")
        return int(found[1]) if found else 0


def examples() -> list[Example]:
    """Return every fenced block of a runnable kind on every page."""
    return [e for page in PAGES for e in _blocks(page)
            if e.kind in FILE_KINDS + SHELL_KINDS]


def _blocks(page: Path) -> list[Example]:
    lines = page.read_text(encoding="utf-8").splitlines()
    found, number = [], 0
    while number < len(lines):
        opening = _FENCE.match(lines[number])
        if not opening:
            number += 1
            continue
        end = _closing(lines, number, opening)
        indent = len(opening["indent"])
        body = "\n".join(ln[indent:] for ln in lines[number + 1:end]) + "\n"
        found.append(Example(page.relative_to(REPO).as_posix(), number + 1,
                             opening["info"].lower(), body, _marker(lines, number)))
        number = end + 1
    return found


def _closing(lines: list[str], start: int, opening: re.Match[str]) -> int:
    fence = opening["fence"]
    close = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    return next((n for n in range(start + 1, len(lines)) if close.match(lines[n])), len(lines))


def _marker(lines: list[str], fence: int) -> str | None:
    before = [ln for ln in lines[:fence] if ln.strip()]
    found = _MARKER.match(before[-1]) if before else None
    return found["text"] if found else None


def copy_shipped(dest: Path) -> Path:
    """Return ``dest`` holding the shipped project's sources: content/, templates/ and
    packgen.toml when there is one (never its build folder)."""
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, dest / name)
    if (REPO / "packgen.toml").is_file():
        shutil.copy2(REPO / "packgen.toml", dest / "packgen.toml")
    return dest
