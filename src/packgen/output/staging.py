"""Build each pack in a staging folder and swap it in whole, with its manifest written last.

Layout inside the output folder ``OUT``::

    OUT/<pack>/                    the outputs of the last complete build, with manifest.json
    OUT/.<pack>.staging-<token>/   a build in progress (never taken for outputs)
    OUT/.<pack>.previous-<token>/  the old outputs during the swap (restored if a swap died)

A build that fails or is killed leaves ``OUT/<pack>/`` as it was; leftovers of killed builds
are removed (or restored) by the next build of that pack.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from packgen.errors import PackgenError, error
from packgen.output.reproducible import sha256_file

MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class Entry:
    """One output as the manifest lists it."""

    kind: str
    format: str
    path: str
    sha256: str


class Staging:
    """A staging folder for one pack inside the output folder."""

    def __init__(self, out_dir: Path, pack_id: str) -> None:
        self.out_dir = out_dir
        self.pack_id = pack_id
        self.final = out_dir / pack_id
        self.token = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.path = out_dir / f".{pack_id}.staging-{self.token}"

    def open(self) -> Path:
        """Recover from earlier killed builds, then create and return the staging folder."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        recover(self.out_dir, self.pack_id)
        self.path.mkdir()
        return self.path

    def discard(self) -> None:
        """Remove the staging folder; the previous outputs stay as they were."""
        shutil.rmtree(self.path, ignore_errors=True)

    def swap_in(self) -> None:
        """Replace the pack's output folder with the staging folder."""
        previous = self.out_dir / f".{self.pack_id}.previous-{self.token}"
        if self.final.exists():
            os.replace(self.final, previous)
        os.replace(self.path, self.final)
        shutil.rmtree(previous, ignore_errors=True)


def recover(out_dir: Path, pack_id: str) -> None:
    """Restore outputs a killed swap moved aside, and delete staging folders of dead builds.

    A leftover's name carries the id of the process that made it; one whose process still
    runs belongs to a concurrent build and is left alone.
    """
    final = out_dir / pack_id
    for leftover in sorted(out_dir.glob(f".{pack_id}.previous-*")):
        if _alive(leftover):
            continue
        if not final.exists():
            os.replace(leftover, final)
        else:
            shutil.rmtree(leftover, ignore_errors=True)
    for leftover in out_dir.glob(f".{pack_id}.staging-*"):
        if not _alive(leftover):
            shutil.rmtree(leftover, ignore_errors=True)


def _alive(leftover: Path) -> bool:
    """Return True when the process named in a leftover folder's name is still running."""
    pid_text = leftover.name.rsplit("-", 2)[-2] if leftover.name.count("-") >= 2 else ""
    if not pid_text.isdigit() or int(pid_text) == os.getpid():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def read_manifest(folder: Path) -> dict[str, object] | None:
    """Return the manifest of a previous build, or None when there is none (or it is broken)."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def previous_entries(manifest: Mapping[str, object] | None) -> list[Entry]:
    """Return the output entries of a previous manifest."""
    if not manifest or not isinstance(manifest.get("outputs"), list):
        return []
    entries = []
    for item in manifest["outputs"]:  # type: ignore[union-attr]
        try:
            entry = Entry(item["kind"], item["format"], item["path"], item["sha256"])
        except (KeyError, TypeError):
            continue
        if _plain_name(entry.path):
            entries.append(entry)
    return entries


def _plain_name(name: object) -> bool:
    """Return True for a bare file name: outputs live directly in the pack folder."""
    return (isinstance(name, str) and name not in ("", ".", "..") and "/" not in name
            and "\\" not in name and not name.startswith("."))


def check_hand_edits(folder: Path, entries: Iterable[Entry], display: str) -> None:
    """Raise when an output was changed by hand since it was built (its hash differs)."""
    problems = []
    for entry in entries:
        target = folder / entry.path
        if target.is_file() and sha256_file(target) != entry.sha256:
            problems.append(f"{display}/{entry.path}")
    if problems:
        raise PackgenError.many([
            error("changed by hand since it was built; not replaced (use --force to replace it)",
                  path, code="PG001")
            for path in problems
        ])


def check_foreign_files(folder: Path, entries: Iterable[Entry], display: str) -> None:
    """Raise when the output folder holds something packgen did not write (it would be lost)."""
    if not folder.is_dir():
        return
    ours = {e.path for e in entries} | {MANIFEST}
    foreign = sorted(p.name for p in folder.iterdir() if p.name not in ours)
    if foreign:
        raise PackgenError.many([
            error("not written by packgen: move it out of the output folder (or use --force to "
                  "delete it)", f"{display}/{name}", code="PG001")
            for name in foreign
        ])


def keep_outputs(folder: Path, staging: Path, entries: Iterable[Entry]) -> list[Entry]:
    """Copy earlier outputs not rebuilt this time into staging; return those kept."""
    kept = []
    for entry in entries:
        source = folder / entry.path
        if source.is_file():
            shutil.copy2(source, staging / entry.path)
            kept.append(entry)
    return kept


def write_manifest(staging: Path, head: Mapping[str, object], outputs: list[Entry],
                   inputs: Mapping[str, str]) -> None:
    """Write ``manifest.json`` last, with sorted keys and outputs in a fixed order."""
    data = dict(head)
    data["outputs"] = [
        {"kind": e.kind, "format": e.format, "path": e.path, "sha256": e.sha256}
        for e in sorted(outputs, key=lambda e: (e.kind, e.format))
    ]
    data["inputs"] = [{"path": p, "sha256": h} for p, h in sorted(inputs.items())]
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    (staging / MANIFEST).write_text(text, encoding="utf-8")

