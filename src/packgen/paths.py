"""Resolve file names written in the project so they never leave it."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from packgen.errors import PackgenError

REMOTE_PREFIXES = ("http://", "https://", "ftp://", "file:", "data:", "//")

OUTPUT_STEMS = {"deck": "slides", "guide": "guide", "handout": "easy-read"}
"""Output kind to the word its files are named by: ``<pack>-slides.pptx``."""


def output_name(pack_id: str, kind: str, fmt: str) -> str:
    """Return the file name of one output, as the manifest lists it."""
    return f"{pack_id}-{OUTPUT_STEMS[kind]}.{fmt}"


def resolve_in_project(root: Path, base_dir: Path, name: str, where: str,
                       line: int | None) -> str:
    """Return ``name`` as a project-relative posix path, checked to exist inside ``root``.

    ``name`` is tried against ``base_dir`` (the folder of the file that names it), then
    ``root/content``. Remote addresses, absolute paths, ``..`` escapes and symlinks that lead
    outside the project are errors at ``where:line``; so is a file that does not exist.
    """
    if name.lower().startswith(REMOTE_PREFIXES):
        raise PackgenError(f"remote file '{name}' is not fetched: put it in the project",
                           where, line)
    if PurePosixPath(name).is_absolute() or Path(name).is_absolute():
        raise PackgenError(f"absolute path '{name}' is not allowed: use a path inside the project",
                           where, line)
    root = root.resolve()
    for base in (base_dir, root / "content"):
        candidate = (base / name).resolve()
        if not _inside(candidate, root):
            raise PackgenError(f"'{name}' leads outside the project", where, line)
        if candidate.is_file():
            return candidate.relative_to(root).as_posix()
    raise PackgenError(f"file not found: '{name}'", where, line)


def relative(root: Path, path: Path) -> str:
    """Return ``path`` relative to ``root`` as a posix string (for diagnostics)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
