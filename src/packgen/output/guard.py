"""Where outputs may go: never onto, into or around the project's own sources."""

from __future__ import annotations

import os
from pathlib import Path

from packgen.errors import PackgenError
from packgen.output.failures import REASONS

SOURCES = ("content", "templates")
"""The project's source folders; the project root itself holds packgen.toml."""

MAX_PACK_ID_BYTES = 200
"""Longest pack id (UTF-8 bytes) whose output, staging and lock names stay under 255 bytes."""


def safe_out_dir(root: Path, out: Path, given: str) -> Path:
    """Return the output folder resolved; raise PG004 when it overlaps the project's sources.

    Equal to, inside or around the project root, ``content/`` or ``templates/`` is refused.
    Both sides are compared with every link resolved, so a link into ``content/`` is seen
    for what it is. Nothing is created or changed before this check.
    """
    if "\0" in str(out):
        raise PackgenError(f"the output folder name {given!r} holds a NUL byte; no file system "
                           "accepts it", code="PG006")
    try:
        resolved = out.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a link loop, before Python 3.13
        raise PackgenError(f"the output folder '{given}' cannot be reached: {exc}",
                           code="PG006") from None
    problem = _overlap(root.resolve(), resolved)
    if problem:
        raise PackgenError(f"the output folder '{given}' {problem}; use --out build",
                           code="PG004")
    return resolved


def make_out_dir(out: Path, given: str) -> None:
    """Create the output folder (and its parents); raise PG006 when it cannot be made."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
        raise PackgenError(f"the output folder '{given}' cannot be made: {reason}",
                           code="PG006") from None


def check_pack_id(pack_id: str, pack_file: str) -> None:
    """Raise PG006 when a pack id is too long to name its output files."""
    size = len(pack_id.encode("utf-8", "surrogateescape"))
    if size > MAX_PACK_ID_BYTES:
        raise PackgenError(
            f"the pack id is {size} bytes long: its output file names would pass the file "
            f"system's limit of 255 bytes; rename the pack file to at most "
            f"{MAX_PACK_ID_BYTES} bytes before .yaml", pack_file, code="PG006")


def _overlap(root: Path, out: Path) -> str | None:
    """Return how ``out`` overlaps the project's sources, or None when it is clear of them."""
    if _within(root, out):
        where = "is the project itself" if _same(root, out) else "holds the project"
        return f"{where}: it would hold your sources"
    for name in SOURCES:
        folder = (root / name).resolve()
        if _within(out, folder):
            where = "is" if _same(out, folder) else "is inside"
            return f"{where} the project's {name}/ folder: outputs would mix with your sources"
        if _within(folder, out):
            return f"holds the project's {name}/ folder: it would hold your sources"
    return None


def _within(path: Path, folder: Path) -> bool:
    """Return True when ``path`` is ``folder`` or lies under it."""
    return any(_same(p, folder) for p in (path, *path.parents))


def _same(a: Path, b: Path) -> bool:
    """Return True for the same folder, also on file systems that ignore letter case."""
    if a == b:
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
