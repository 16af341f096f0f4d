"""Check that the project's folders can be read before anything is loaded from them."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from packgen import errors
from packgen.errors import Diagnostic

FOLDER_UNREADABLE = "PG027"
TOPS = ("content", "templates")
"""The folders packgen reads, with everything under them."""

_REASONS = {
    errno.ELOOP: "a loop of symbolic links",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "not a folder",
}


def unreadable_folders(root: Path) -> list[Diagnostic]:
    """Return one PG027 error per folder under ``content/`` and ``templates/`` that cannot be
    listed, and one per loop of symbolic links there.

    Listing a folder that loops back on itself or that the user may not read gives nothing, so
    without this check its files would silently be missing (every pack's modules "unknown",
    the packaged templates used instead of the project's). A link to nowhere is left to the
    reader of the file it stands for.
    """
    scan = _Scan(root)
    for top in TOPS:
        folder = root / top
        if folder.is_symlink() or folder.exists():
            scan.folder(folder)
    return scan.found


class _Scan:
    """One pass over the project's folders: what was found, and the loops already named."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.found: list[Diagnostic] = []
        self.loops: set[frozenset[str]] = set()

    def folder(self, folder: Path) -> None:
        """Check ``folder`` and every folder and link below it."""
        if folder.is_symlink() and not self.link(folder):
            return
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            self.fail(folder, "cannot read the folder", exc)
            return
        for entry in entries:
            if entry.is_symlink():
                self.link(Path(entry.path))
            elif entry.is_dir(follow_symlinks=False):
                self.folder(Path(entry.path))

    def link(self, path: Path) -> bool:
        """Return whether a link can be followed; report a loop once, naming every link in it."""
        try:
            os.stat(path)
        except FileNotFoundError:
            return False
        except OSError as exc:
            loop = _loop(path)
            if loop is None or loop not in self.loops:
                self.loops.add(loop or frozenset())
                self.fail(path, "cannot follow the link" + _others(path, loop), exc)
            return False
        if path.is_dir():
            if path.parent.resolve().is_relative_to(path.resolve()):
                self.found.append(errors.error(
                    "cannot follow the link: it leads back to a folder that holds it, a loop",
                    path.relative_to(self.root).as_posix(), None, FOLDER_UNREADABLE))
                return False
            self.folder_listing(path)
        return True

    def folder_listing(self, path: Path) -> None:
        """Report a linked folder that cannot be listed (its contents are not walked here)."""
        try:
            os.scandir(path).close()
        except OSError as exc:
            self.fail(path, "cannot read the folder", exc)

    def fail(self, path: Path, what: str, exc: OSError) -> None:
        reason = _REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)
        shown = path.relative_to(self.root).as_posix()
        self.found.append(errors.error(f"{what}: {reason}", shown, None, FOLDER_UNREADABLE))


def _loop(path: Path, limit: int = 40) -> frozenset[str] | None:
    """Return the links a loop starting at ``path`` goes through, or None if it is no loop."""
    seen: list[str] = []
    current = path
    for _ in range(limit):
        if not current.is_symlink():
            return None
        key = os.path.abspath(current)
        if key in seen:
            return frozenset(seen[seen.index(key):])
        seen.append(key)
        current = current.parent / os.readlink(current)
    return None


def _others(path: Path, loop: frozenset[str] | None) -> str:
    """Return ``" (with b.md)"`` naming the other links of a loop in the same folder."""
    names = sorted(Path(p).name for p in loop or () if p != os.path.abspath(path))
    return f" (it loops through {', '.join(names)})" if names else ""
