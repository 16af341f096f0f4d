"""Turn a failed file operation during a build into one finding a user can act on."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from packgen.errors import PackgenError
from packgen.paths import relative

REASONS = {
    getattr(errno, "EDQUOT", errno.ENOSPC): "the disk quota is used up",
    errno.ENOSPC: "the disk is full",
    errno.EACCES: "permission denied (is the folder read-only, or a file in it open in "
                  "another program?)",
    errno.EPERM: "permission denied (is the folder read-only?)",
    errno.EROFS: "the file system is read-only",
    errno.ENAMETOOLONG: "the file name is too long for the file system",
    errno.EISDIR: "a folder is in the way",
    errno.ENOTDIR: "a file is in the way of a folder",
    errno.EEXIST: "something is already in the way",
    errno.EFBIG: "the file is larger than this system lets a program write (a file size limit)",
}


def os_failure(exc: OSError, root: Path, out: Path, staging: Path, final: Path) -> PackgenError:
    """Return the PackgenError for ``exc``: PG006 for a write in the output folder, else PG003.

    A file inside the staging folder is named by the place it was meant to have in the pack's
    output folder, which is what the user knows.
    """
    reason = REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
    target = _target(exc, staging, final, out)
    shown = relative(root, target, follow_links=False)
    if _under(target, out):
        return PackgenError(f"cannot write the outputs: {reason}; previous outputs kept",
                            shown, code="PG006")
    return PackgenError(f"cannot read this file: {reason}", shown, code="PG003")


def temporary_failure(exc: OSError) -> PackgenError:
    """Return the PG006 finding for a temporary folder (``packgen check``'s) that cannot be
    made, written or removed."""
    reason = REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
    where = str(exc.filename) if exc.filename else None
    return PackgenError(f"cannot use a temporary folder for the check: {reason} (set TMPDIR "
                        "to a folder with room that packgen may write)", where, code="PG006")


def _target(exc: OSError, staging: Path, final: Path, out: Path) -> Path:
    """Return the file the failed operation was about, as the user knows it.

    A file in the staging folder is named by its place in the pack's folder; the lock and
    leftovers, which the user never sees, by the output folder; a failure that names no file
    (a library writing a zip) by the pack's folder.
    """
    name = exc.filename if isinstance(exc.filename, str) else None
    if name is None or "\0" in name:
        return final
    path = Path(os.path.abspath(name))
    if _under(path, staging):
        return final / path.relative_to(staging)
    if _under(path, out) and not _under(path, final):
        return out
    return path


def _under(path: Path, folder: Path) -> bool:
    """Return True when ``path`` is ``folder`` or lies under it (no link resolved)."""
    return path == folder or folder in path.parents
