"""Outputs of packs that no longer exist: found by their manifests, removed only on request."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Collection
from pathlib import Path

from packgen.errors import Diagnostic, PackgenError, info, warning
from packgen.output import staging as stg
from packgen.output.cache import SCHEMA
from packgen.output.reproducible import sha256_file

ORPHAN = "PG007"


def orphans(out: Path, packs: Collection[str]) -> list[str]:
    """Return the names of the folders in ``out`` that hold a packgen manifest for a pack not
    in ``packs``, sorted. Folders without a manifest are not packgen's and never listed."""
    try:
        names = sorted(os.listdir(out))
    except OSError:
        return []
    return [n for n in names if n not in packs and not n.startswith(".")
            and not os.path.islink(out / n) and (out / n).is_dir() and _ours(out / n)]


def _ours(folder: Path) -> bool:
    """Return True when ``folder`` holds a manifest packgen wrote for a pack of its name."""
    manifest = stg.read_manifest(folder)
    return (manifest is not None and manifest.get("schema") == SCHEMA
            and "packgen" in manifest and manifest.get("pack") == folder.name)


def report(names: list[str], display: str, pruned: bool) -> list[Diagnostic]:
    """Return one info line per orphan folder: removed, or how to remove it."""
    said = ("removed: its pack no longer exists" if pruned else
            "outputs of a pack that no longer exists (`packgen build --prune` removes them)")
    return [info(said, f"{display}/{name}", code=ORPHAN) for name in names]


def prune(out: Path, name: str) -> Diagnostic | None:
    """Remove the files the manifest in ``out/name`` lists, if each is still as it was written,
    then the manifest, then the folder if nothing else is left in it; anything else stays.

    Taken under the pack's lock. Return a warning when something could not be removed.
    """
    folder = out / name
    staging = stg.Staging(out, name)
    try:
        staging.lock.acquire()
    except PackgenError as exc:
        return warning(f"not pruned: {exc.diagnostics[0].message}", name, code=ORPHAN)
    try:
        if os.path.islink(folder) or not folder.is_dir() or not _ours(folder):
            return None
        kept = [e.path for e in stg.previous_entries(stg.read_manifest(folder))
                if not _remove(folder / e.path, e.sha256)]
        if kept:
            return warning(f"not pruned: {', '.join(kept)} changed by hand since it was built "
                           "or cannot be removed; the manifest stays", name, code=ORPHAN)
        _remove(folder / stg.MANIFEST, None)
        with contextlib.suppress(OSError):
            folder.rmdir()
        return None
    finally:
        staging.lock.release()


def _remove(path: Path, sha256: str | None) -> bool:
    """Delete a regular file (when ``sha256`` is given, only if it still has that hash);
    return True when it is gone."""
    try:
        if not os.path.lexists(path):
            return True
        if os.path.islink(path) or not path.is_file():
            return False
        if sha256 is not None and sha256_file(path) != sha256:
            return False
        path.unlink()
    except OSError:
        return False
    return True
