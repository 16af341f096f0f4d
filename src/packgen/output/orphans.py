"""Outputs of packs that no longer exist: found by their manifests, removed only on request."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Collection
from pathlib import Path

from packgen.errors import Diagnostic, info
from packgen.output import staging as stg

ORPHAN = "PG007"


def orphans(out: Path, packs: Collection[str]) -> list[str]:
    """Return the names of the folders in ``out`` that hold a packgen manifest for a pack not
    in ``packs``, sorted. Folders without a manifest are not packgen's and never listed."""
    try:
        names = sorted(os.listdir(out))
    except OSError:
        return []
    return [n for n in names if n not in packs and not n.startswith(".")
            and not os.path.islink(out / n) and (out / n).is_dir()
            and stg.read_manifest(out / n) is not None]


def report(out: Path, names: list[str], display: str, pruned: bool) -> list[Diagnostic]:
    """Return one info line per orphan folder: removed, or how to remove it."""
    said = ("removed: its pack no longer exists" if pruned else
            "outputs of a pack that no longer exists (`packgen build --prune` removes them)")
    return [info(said, f"{display}/{name}", code=ORPHAN) for name in names]


def prune(out: Path, name: str) -> None:
    """Remove the files the manifest in ``out/name`` lists, then the manifest, then the folder
    if nothing else is left in it; anything else stays. Taken under the pack's lock."""
    staging = stg.Staging(out, name)
    staging.lock.acquire()
    try:
        folder = out / name
        listed = [e.path for e in stg.previous_entries(stg.read_manifest(folder))]
        for item in [*listed, stg.MANIFEST]:
            path = folder / item
            if os.path.isfile(path) and not os.path.islink(path):
                path.unlink()
        with contextlib.suppress(OSError):
            folder.rmdir()
    finally:
        staging.lock.release()
