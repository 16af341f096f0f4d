"""Which file changes start a rebuild, and the watcher process that reports them."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

WATCHED = ("content", "templates")
"""The project folders whose files a pack is built from."""
WATCHED_FILES = ("packgen.toml",)
"""Files at the top of the project that a build reads."""
GALLERY_INPUTS = ("templates/", "content/model.yaml", "content/glossary.yaml", "packgen.toml")
"""What the template gallery is built from (the deck template, theme.yaml, the spaces, the
glossary, the settings): a change to a module or a pack leaves it as it is."""
TEMPORARY_SUFFIXES = ("~", ".swp", ".swo", ".swx", ".tmp", ".part", ".crdownload")
"""Endings of the files editors and downloads write while they work."""
TEMPORARY_NAMES = ("4913",)
"""Names editors write only to test a folder (vim)."""


def relevant(path: Path, root: Path, out: Path) -> bool:
    """Return True when a change to ``path`` can change a build of the project at ``root``.

    Only files under ``content/`` and ``templates/`` and ``packgen.toml`` count; never the
    output folder ``out`` (wherever it is), hidden files or folders, or editors' temporary
    files. ``root`` and ``out`` are resolved paths.
    """
    if path == out or out in path.parents or root not in path.parents:
        return False
    parts = PurePosixPath(path.relative_to(root).as_posix()).parts
    if any(_hidden_or_temporary(part) for part in parts):
        return False
    return parts[0] in WATCHED if len(parts) > 1 else parts[0] in WATCHED_FILES


def gallery_due(changed: Iterable[str]) -> bool:
    """Return True when a change in ``changed`` (project-relative paths) can change the
    gallery: one of the ``GALLERY_INPUTS``."""
    return any(path == name or (name.endswith("/") and path.startswith(name))
               for path in changed for name in GALLERY_INPUTS)


def shown(paths: Iterable[Path], root: Path) -> list[str]:
    """Return ``paths`` relative to ``root`` as a build's findings show them, sorted."""
    return sorted(path.relative_to(root).as_posix() for path in paths)


def watch_project(pipe: Connection, root: Path, out: Path) -> None:
    """Send over ``pipe`` each batch of changed paths (a sorted list, relative to ``root``)
    that ``relevant`` keeps, until the pipe closes; a folder that cannot be watched (too
    many files for the system's limit) is sent as one line of text. Runs in the watcher
    process."""
    import watchfiles

    keep = partial(_keep, root=root, out=out)
    try:
        for batch in watchfiles.watch(root, watch_filter=keep, debounce=400, step=60,
                                      raise_interrupt=False):
            pipe.send(shown({Path(p) for _change, p in batch}, root))
    except (OSError, RuntimeError) as exc:
        pipe.send(f"cannot watch {root} for changes: {exc}")


def _keep(_change: object, path: str, root: Path, out: Path) -> bool:
    return relevant(Path(path), root, out)


def _hidden_or_temporary(name: str) -> bool:
    return (name.startswith((".", "#")) or name.endswith(TEMPORARY_SUFFIXES)
            or name in TEMPORARY_NAMES)
