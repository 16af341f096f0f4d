"""Check deck templates and pictures before any library opens them: no zip bombs, no fakes."""

from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path

from packgen.errors import PackgenError

MAX_TOTAL_BYTES = 200 * 1024 * 1024
"""Largest total uncompressed size of a template's zip members."""
MAX_RATIO = 100
"""Largest compression ratio of a big member (a zip bomb inflates far beyond this)."""
RATIO_MIN_BYTES = 10 * 1024 * 1024
"""Members smaller than this are never suspicious, whatever their ratio."""
MAX_MEMBERS = 10_000
REQUIRED_PARTS = ("[Content_Types].xml", "ppt/presentation.xml")
IMAGE_FORMATS = frozenset({"PNG", "JPEG", "GIF", "BMP", "TIFF"})
"""Picture formats every output can embed (python-pptx, python-docx and HTML)."""
MAX_IMAGE_PIXELS = 50_000_000
MAX_SVG_BYTES = 5_000_000
"""Largest SVG picture read to look for references, in bytes (5 MB)."""
REMOTE = "PG021"
"""The code of a picture or template naming an address or a file that would be fetched."""
SVG_REFERENCES = (
    re.compile(r"""\bhref\s*=\s*["']\s*(?!#|data:)(?P<ref>[^"']*)""", re.IGNORECASE),
    re.compile(r"""url\(\s*["']?\s*(?!#|data:)(?P<ref>[^"')]*)""", re.IGNORECASE),
    re.compile(r"(?P<ref>@import|<!ENTITY)", re.IGNORECASE),
)
"""What makes an SVG reach outside itself: a link to another file or address (an ``href``
or ``url()`` that is not ``#fragment`` or ``data:``), a style sheet import, an entity."""


def check_pptx_file(path: Path, display: str) -> None:
    """Raise PackgenError unless ``path`` is a PowerPoint file that is safe to open.

    Only the zip's central directory is read: a bomb is refused from its declared sizes
    without inflating anything. ``display`` names the file in the error (project-relative).
    """
    members = _zip_members(path, display)
    _check_sizes(members, display)
    names = {m.filename for m in members}
    missing = [part for part in REQUIRED_PARTS if part not in names]
    if missing:
        raise PackgenError(
            f"not a PowerPoint template: the zip has no {', '.join(missing)}", display)


def check_image_file(path: Path, display: str, line: int | None = None) -> None:
    """Raise PackgenError at ``display:line`` unless ``path`` is a picture the outputs can use."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                fmt, size = img.format, img.size
                img.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise PackgenError(_image_problem(exc, path), display, line) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise PackgenError(f"'{path.name}' is a damaged picture ({exc})", display, line) from None
    _check_image_facts(path, fmt, size, display, line)


def check_svg_file(path: Path, display: str, line: int | None = None) -> None:
    """Raise PackgenError (PG021) at ``display:line`` when the SVG picture ``path`` (already
    found inside the project) refers to another file or an address: a viewer, a browser or
    the print engine could load it. Nothing but the file itself is read."""
    try:
        size = path.stat().st_size
        if size > MAX_SVG_BYTES:
            raise PackgenError(f"'{path.name}' is too large an SVG picture ({size:,} bytes; the "
                               f"limit is {MAX_SVG_BYTES:,})", display, line, "PG024")
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise PackgenError(f"cannot read '{path.name}': {exc.strerror or exc}", display, line,
                           "PG003") from None
    found = [m for pattern in SVG_REFERENCES if (m := pattern.search(text))]
    if found:
        ref = min(found, key=lambda m: m.start())["ref"].strip() or "an empty address"
        raise PackgenError(f"SVG picture '{path.name}' refers to '{ref[:80]}': an SVG must hold "
                           "everything it shows (other files and remote addresses are not "
                           "fetched)", display, line, REMOTE)


# --- helpers ---------------------------------------------------------------------------


def _zip_members(path: Path, display: str) -> list[zipfile.ZipInfo]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except FileNotFoundError:
        raise PackgenError("template not found", display) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise PackgenError(
            "not a PowerPoint template: the file is not a zip archive (damaged or another "
            "format)", display) from None
    if len(members) > MAX_MEMBERS:
        raise PackgenError(f"template refused: {len(members)} zip members (at most "
                           f"{MAX_MEMBERS})", display)
    return members


def _check_sizes(members: list[zipfile.ZipInfo], display: str) -> None:
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_BYTES:
        raise PackgenError(
            f"template refused: it would inflate to {_mib(total)} (at most "
            f"{_mib(MAX_TOTAL_BYTES)}); possibly a zip bomb", display)
    for member in members:
        if member.file_size > RATIO_MIN_BYTES and (
                member.file_size > MAX_RATIO * max(member.compress_size, 1)):
            raise PackgenError(
                f"template refused: member '{member.filename}' inflates "
                f"{member.file_size // max(member.compress_size, 1)}:1 to "
                f"{_mib(member.file_size)}; possibly a zip bomb", display)


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MiB"


def _image_problem(exc: Exception, path: Path) -> str:
    from PIL import Image

    if isinstance(exc, (Image.DecompressionBombError, Image.DecompressionBombWarning)):
        return f"'{path.name}' is too large a picture to embed safely"
    return f"'{path.name}' is not a picture (PNG, JPEG, GIF, BMP or TIFF expected)"


def _check_image_facts(path: Path, fmt: str | None, size: tuple[int, int], display: str,
                       line: int | None) -> None:
    if fmt not in IMAGE_FORMATS:
        raise PackgenError(f"'{path.name}' is a {fmt} picture; use PNG, JPEG, GIF, BMP or TIFF",
                           display, line)
    if size[0] * size[1] > MAX_IMAGE_PIXELS:
        raise PackgenError(f"'{path.name}' is too large a picture ({size[0]}x{size[1]} pixels)",
                           display, line)
