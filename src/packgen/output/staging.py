"""Build each pack in a staging folder and swap it in whole, with its manifest written last.

Layout inside the output folder ``OUT``::

    OUT/<pack>/                    the outputs of the last complete build, with manifest.json
    OUT/.<pack>.lock               held by the build of that pack, from recovery to swap
    OUT/.<pack>.staging-<token>/   a build in progress (never taken for outputs)
    OUT/.<pack>.previous-<token>/  the old outputs during the swap (restored if a swap died)
    OUT/.<pack>.manifest-<token>   a new manifest for outputs that were up to date

A build that fails or is killed leaves ``OUT/<pack>/`` as it was; leftovers of killed builds
are removed (or restored) by the next build of that pack. packgen deletes only the files the
old manifest lists: anything else in the old folder is moved into the new one.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import stat
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from packgen.errors import PackgenError, error
from packgen.output.lock import PackLock
from packgen.output.reproducible import sha256_file

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 20_000_000
"""A larger manifest is not packgen's (one lists a pack's outputs, inputs and findings)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One output as the manifest lists it."""

    kind: str
    format: str
    path: str
    sha256: str
    language: str = ""
    """The language tag of the output (empty in a manifest written before languages)."""


@dataclass(frozen=True, slots=True)
class Previous:
    """What the last build left in a pack's output folder."""

    entries: tuple[Entry, ...]
    """The outputs its manifest lists."""
    foreign: tuple[str, ...]
    """Names in the folder that packgen did not write (its manifest does not list them)."""
    manifest: Mapping[str, object] | None = None
    """The manifest itself, as ``read_manifest`` returns it."""


class Staging:
    """A staging folder for one pack inside the output folder, and the pack's lock."""

    def __init__(self, out_dir: Path, pack_id: str, display: str | None = None) -> None:
        self.out_dir = out_dir
        self.pack_id = pack_id
        self.final = out_dir / pack_id
        self.token = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.path = out_dir / f".{pack_id}.staging-{self.token}"
        self.lock = PackLock(out_dir, pack_id, display or pack_id)

    def open(self) -> Path:
        """Take the pack's lock, recover from dead builds, then create the staging folder.

        Return the staging folder. Every leftover found while holding the lock belongs to a
        dead build: a live one would hold the lock.
        """
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.lock.acquire()
        recover(self.out_dir, self.pack_id)
        self.path.mkdir()
        return self.path

    def discard(self) -> None:
        """Remove the staging folder and let go of the lock; the previous outputs stay."""
        if _is_real_dir(self.path):
            shutil.rmtree(self.path, ignore_errors=True)
        self.lock.release()

    def swap_in(self) -> None:
        """Replace the pack's output folder with the staging folder.

        The old folder is moved aside first and put back if the new one cannot take its
        place; what packgen did not write is then moved from the old folder into the new.
        """
        previous = self.out_dir / f".{self.pack_id}.previous-{self.token}"
        moved = os.path.lexists(self.final)
        if moved:
            _check_writable(self.final)
            os.replace(self.final, previous)
        try:
            os.replace(self.path, self.final)
        except OSError:
            if moved:
                os.replace(previous, self.final)
            raise
        if moved:
            with contextlib.suppress(OSError):  # the next build's recover() finishes it
                settle(previous, self.final)


def recover(out_dir: Path, pack_id: str) -> None:
    """Restore outputs a killed swap moved aside, and delete staging folders of dead builds.

    Call it only while holding the pack's lock: then no leftover belongs to a live build.
    """
    final = out_dir / pack_id
    for leftover in leftovers(out_dir, pack_id, "previous"):
        if not os.path.lexists(final):
            os.replace(leftover, final)
        else:
            settle(leftover, final)
    for leftover in leftovers(out_dir, pack_id, "staging"):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in leftovers(out_dir, pack_id, "manifest", folders=False):
        leftover.unlink()


def leftovers(out_dir: Path, pack_id: str, stage: str, folders: bool = True) -> list[Path]:
    """Return the real folders named like one pack's ``staging`` or ``previous`` folders (or,
    with ``folders`` false, the regular files named like its half-written ``manifest``).

    The whole name must match, so another pack whose id starts with this one's is left alone.
    """
    pattern = re.compile(rf"\.{re.escape(pack_id)}\.{stage}-\d+-[0-9a-f]{{8}}")
    try:
        names = sorted(os.listdir(out_dir))
    except FileNotFoundError:
        return []
    kind = _is_real_dir if folders else _is_regular
    return [out_dir / n for n in names if pattern.fullmatch(n) and kind(out_dir / n)]


def settle(previous: Path, final: Path) -> None:
    """Delete the old outputs packgen wrote, move everything else into ``final``.

    The old folder goes once empty; something that cannot be moved (its name is taken in
    ``final``) stays where it is rather than being deleted.
    """
    ours = {e.path for e in previous_entries(read_manifest(previous))} | {MANIFEST}
    for item in sorted(previous.iterdir()):
        if item.name in ours and _is_regular(item):
            item.unlink()
        elif not os.path.lexists(final / item.name):
            os.replace(item, final / item.name)
    with contextlib.suppress(OSError):
        previous.rmdir()


def inspect_previous(folder: Path, display: str) -> Previous:
    """Return what the last build left in ``folder``; raise on what packgen must not touch.

    The pack's output folder must be a real folder, and no entry in it a link or a special
    file: packgen never follows, reads through, copies or keeps a link there.
    """
    if os.path.islink(folder):
        raise PackgenError("the pack's output folder is a symbolic link; packgen writes only "
                           "real folders it made: remove the link", display, code="PG004")
    if not os.path.lexists(folder):
        return Previous((), ())
    if not _is_real_dir(folder):
        raise PackgenError("not a folder packgen made: move it out of the output folder",
                           display, code="PG001")
    names = sorted(os.listdir(folder))
    _refuse_links(folder, names, display)
    manifest = read_manifest(folder)
    entries = tuple(e for e in previous_entries(manifest) if e.path in names)
    listed = {e.path for e in entries} | {MANIFEST}
    return Previous(entries, tuple(n for n in names if n not in listed), manifest)


def _refuse_links(folder: Path, names: list[str], display: str) -> None:
    """Raise when an entry of the pack folder is a link or neither a file nor a folder."""
    problems = []
    for name in names:
        mode = os.lstat(folder / name).st_mode
        if stat.S_ISLNK(mode):
            problems.append(error("is a symbolic link: packgen never follows or keeps links "
                                  "in its output folder; remove it", f"{display}/{name}",
                                  code="PG001"))
        elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            problems.append(error("is neither a file nor a folder: move it out of the output "
                                  "folder", f"{display}/{name}", code="PG001"))
    if problems:
        raise PackgenError.many(problems)


def _check_writable(folder: Path) -> None:
    """Raise PermissionError when the old outputs could not be cleared after the swap."""
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder))


def _is_real_dir(path: Path) -> bool:
    """Return True for a folder that is not a link."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _is_regular(path: Path) -> bool:
    """Return True for a regular file that is not a link."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def read_manifest(folder: Path) -> dict[str, object] | None:
    """Return the manifest of a previous build, or None when there is none (or it is broken).

    A manifest that is a link is no manifest: packgen never reads through a link.
    """
    path = folder / MANIFEST
    if not _is_regular(path):
        return None
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: nested beyond reason
        return None
    return data if isinstance(data, dict) else None


def previous_entries(manifest: Mapping[str, object] | None) -> list[Entry]:
    """Return the output entries of a previous manifest."""
    if not manifest or not isinstance(manifest.get("outputs"), list):
        return []
    entries = []
    for item in manifest["outputs"]:  # type: ignore[union-attr]
        try:
            entry = Entry(item["kind"], item["format"], item["path"], item["sha256"],
                          str(item.get("language", "")))
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
        if _is_regular(target) and sha256_file(target) != entry.sha256:
            problems.append(f"{display}/{entry.path}")
    if problems:
        raise PackgenError.many([
            error("changed by hand since it was built; not replaced (use --force to replace it)",
                  path, code="PG001")
            for path in problems
        ])


def check_foreign_files(previous: Previous, display: str) -> None:
    """Raise when the output folder holds something packgen did not write."""
    if previous.foreign:
        raise PackgenError.many([
            error("not written by packgen: move it out of the output folder (or use --force to "
                  "keep it there beside the new outputs)", f"{display}/{name}", code="PG001")
            for name in previous.foreign
        ])


def check_name_clashes(previous: Previous, entries: Iterable[Entry], display: str) -> None:
    """Raise when a file packgen did not write has the name of an output being written."""
    clashes = sorted({e.path for e in entries} & set(previous.foreign))
    if clashes:
        raise PackgenError.many([
            error("not written by packgen, and this build writes a file of the same name: move "
                  "it out of the output folder", f"{display}/{name}", code="PG001")
            for name in clashes
        ])


def keep_outputs(folder: Path, staging: Path, entries: Iterable[Entry]) -> list[Entry]:
    """Copy earlier outputs not rebuilt this time into staging; return those kept.

    Only regular files are copied, never what a link points to.
    """
    kept = []
    for entry in entries:
        source = folder / entry.path
        if _is_regular(source):
            shutil.copy2(source, staging / entry.path, follow_symlinks=False)
            kept.append(entry)
    return kept


def write_manifest(staging: Path, head: Mapping[str, object], outputs: list[Entry],
                   inputs: Mapping[str, str], tail: Mapping[str, object] | None = None) -> None:
    """Write ``manifest.json`` last: ``head``, the outputs in a fixed order, the inputs sorted,
    then ``tail`` (the build cache)."""
    data = dict(head)
    data["outputs"] = [
        {"kind": e.kind, "format": e.format, "path": e.path, "sha256": e.sha256,
         **({"language": e.language} if e.language else {})}
        for e in sorted(outputs, key=_order)
    ]
    data["inputs"] = [{"path": p, "sha256": h} for p, h in sorted(inputs.items())]
    data.update(tail or {})
    (staging / MANIFEST).write_text(_manifest_text(data), encoding="utf-8")


def rewrite_manifest(staging: Staging, change: Callable[[dict[str, object]], dict[str, object]]
                     ) -> None:
    """Replace the manifest of the pack's outputs with ``change`` of it, atomically.

    Call it while holding the pack's lock (``Staging.open``); the outputs are not touched.
    The new text is written beside the pack folder and moved into place in one rename.
    """
    data = read_manifest(staging.final)
    if data is None:
        return
    temporary = staging.out_dir / f".{staging.pack_id}.manifest-{staging.token}"
    temporary.write_text(_manifest_text(change(data)), encoding="utf-8")
    os.replace(temporary, staging.final / MANIFEST)


def _manifest_text(data: Mapping[str, object]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"



def _order(entry: Entry) -> tuple[str, str, bool, str]:
    """Return the manifest order of an output: by kind and format, Welsh first (W3)."""
    return entry.kind, entry.format, not entry.language.startswith("cy"), entry.language
