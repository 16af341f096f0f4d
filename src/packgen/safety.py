"""Check deck templates and pictures before any library opens them: no zip bombs, no fakes."""

from __future__ import annotations

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
