"""Same inputs, same bytes: the build timestamp and zip normalisation for .pptx and .docx."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import zipfile
from pathlib import Path

from packgen.errors import PackgenError

BAD_EPOCH = "PG016"

_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
_ZIP_END = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.UTC)


def build_time(pack_date: dt.date) -> dt.datetime:
    """Return the timestamp to embed: ``SOURCE_DATE_EPOCH`` if set, else the pack's date.

    The pack's date (midnight UTC) is derived from the inputs, so two builds of the same inputs
    stamp the same time whenever and wherever they run.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None or raw.strip() == "":
        return dt.datetime.combine(pack_date, dt.time(), tzinfo=dt.UTC)
    try:
        return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise PackgenError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not '{raw}'",
                           "SOURCE_DATE_EPOCH", code=BAD_EPOCH) from None


def normalise_zip(path: Path, when: dt.datetime) -> None:
    """Rewrite the zip at ``path`` with every member stamped ``when`` and fixed attributes.

    Member order is kept as written (``[Content_Types].xml`` first), which is itself
    deterministic; permissions, extra fields and comments are cleared. Times outside what a
    zip can hold (1980 to 2107) are clamped to its limits.
    """
    stamp = min(max(when, _ZIP_EPOCH), _ZIP_END).timetuple()[:6]
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w") as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            dst.writestr(info, src.read(item.filename), compresslevel=6)
    os.replace(tmp, path)


def sha256_file(path: Path) -> str:
    """Return the hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
