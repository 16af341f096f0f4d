"""Check inputs before any library opens them: no zip bombs, no fakes, nothing too large.

Every limit packgen applies to what a project gives it is a constant here, so the values
live in one place (docs/security.md lists them with their reasons); only the limits on file
names are in ``paths.py``, which checks names and imports no other helper.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path
from typing import Any

from packgen.errors import PackgenError

FAKE_FILE = "PG002"
"""The code of a template or picture that is not what it claims."""
LIMIT_EXCEEDED = "PG024"
"""The code of an input larger than one of packgen's limits."""

MB = 1_000_000

MAX_TEXT_BYTES = 1 * MB
"""Largest module (``.md``) or YAML/TOML file read: refused from its size, never read."""
MAX_YAML_DEPTH = 50
"""Deepest nesting of YAML collections accepted (front matter included)."""
MAX_VARIABLE_CHARS = 10_000
"""Longest value of one pack variable, in characters (a nested value counts all its text)."""
MAX_EXPANDED_CHARS = 2 * MB
"""Most characters one module's text may hold once its variables are filled in."""
MAX_PICTURE_BYTES = 20 * MB
"""Largest picture file: refused from its size, never read."""
MAX_IMAGE_PIXELS = 40_000_000
"""Most pixels in one picture, read from its header before anything decodes it."""
MAX_LINE_CHARS = 20_000
"""Longest line of a module file, in characters: far beyond any real paragraph."""
MAX_MARKDOWN_DEPTH = 20
"""Deepest nesting of lists, quotes and divs in a module."""
MAX_BRACKETS = 500
"""Most ``[`` in one paragraph (markdown-it's link search grows with their square)."""

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


def too_large(what: str, limit: str, where: str | None, line: int | None = None) -> PackgenError:
    """Return the error of an input over a limit: ``<what> is larger than packgen's limit of
    <limit>`` at ``where:line``, code PG024."""
    return PackgenError(f"{what} is larger than packgen's limit of {limit}", where, line,
                        LIMIT_EXCEEDED)


def megabytes(size: int) -> str:
    """Return a size in bytes as the limits are written: ``1 MB``, ``2.5 MB``."""
    return f"{size / MB:g} MB"


def check_file_size(path: Path, limit: int, where: str, line: int | None = None) -> None:
    """Raise PG024 at ``where:line`` if ``path`` holds more than ``limit`` bytes (from its size
    on disk: nothing is read). A file that cannot be looked at is left to its reader."""
    try:
        size = path.stat().st_size
    except (OSError, ValueError):
        return
    if size > limit:
        raise too_large(f"'{path.name}' ({size:,} bytes)", megabytes(limit), where, line)


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
    """Raise PackgenError at ``display:line`` unless ``path`` is a picture the outputs can use.

    A file over the bytes or pixels limits is PG024 (``check_picture_bounds``); one that is
    not a PNG, JPEG, GIF, BMP or TIFF picture, or is damaged, is PG002.
    """
    check_picture_bounds(path, display, line)
    fmt = _verified_format(path, display, line)
    if fmt not in IMAGE_FORMATS:
        raise PackgenError(f"'{path.name}' is a {fmt} picture; use PNG, JPEG, GIF, BMP or TIFF",
                           display, line, FAKE_FILE)


def check_picture_bounds(path: Path, display: str, line: int | None = None) -> None:
    """Raise PG024 at ``display:line`` if the picture ``path`` is too large to embed safely.

    Its bytes come from its size on disk and its pixels from its header, so nothing is read
    or decoded beyond the header. A file that is no picture at all is left to
    ``check_image_file`` (PG002).
    """
    check_file_size(path, MAX_PICTURE_BYTES, display, line)
    if _too_many_pixels(path):
        raise too_large(f"'{path.name}'", f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels",
                        display, line)


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


def _pillow() -> Any:
    """Return PIL.Image with its own decompression-bomb limit set to packgen's, so every
    later reader that opens a picture with Pillow (python-pptx, python-docx) refuses it too."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
    return Image


def _too_many_pixels(path: Path) -> bool:
    """Return True if the header of ``path`` gives more than MAX_IMAGE_PIXELS pixels."""
    from PIL import UnidentifiedImageError

    image = _pillow()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", image.DecompressionBombWarning)
            with image.open(path) as img:
                width, height = img.size
    except (image.DecompressionBombError, image.DecompressionBombWarning):
        return True
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return False
    return width * height > MAX_IMAGE_PIXELS


def _verified_format(path: Path, display: str, line: int | None) -> str | None:
    """Return the picture format of ``path`` once Pillow has checked its structure (PG002)."""
    from PIL import UnidentifiedImageError

    image = _pillow()
    try:
        with image.open(path) as img:
            fmt = img.format
            img.verify()
    except UnidentifiedImageError:
        raise PackgenError(f"'{path.name}' is not a picture (PNG, JPEG, GIF, BMP or TIFF "
                           "expected)", display, line, FAKE_FILE) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise PackgenError(f"'{path.name}' is a damaged picture ({exc})", display, line,
                           FAKE_FILE) from None
    return fmt
