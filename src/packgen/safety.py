"""Check inputs before any library opens them: no zip bombs, no fakes, nothing too large.

Every limit packgen applies to what a project gives it is a constant here, so the values
live in one place (docs/security.md lists them with their reasons); only the limits on file
names are in ``paths.py``, which checks names and imports no other helper.
"""

from __future__ import annotations

import io
import posixpath
import re
import warnings
import zipfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from packgen.errors import MB, PackgenError, megabytes, too_large

TEMPLATE_MISSING = "PG407"

if TYPE_CHECKING:
    from lxml import etree

FAKE_FILE = "PG002"
"""The code of a template or picture that is not what it claims."""

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
"""Largest total uncompressed size of an Office file's zip members."""
MAX_MEMBER_BYTES = 50 * 1024 * 1024
"""Largest uncompressed size of one zip member (a picture or an XML part)."""
MAX_RATIO = 100
"""Largest compression ratio of a big member (a zip bomb inflates far beyond this)."""
RATIO_MIN_BYTES = 10 * 1024 * 1024
"""Members smaller than this are never suspicious, whatever their ratio."""
MAX_MEMBERS = 10_000
REQUIRED_PARTS = ("[Content_Types].xml", "ppt/presentation.xml")
DOCX_PARTS = ("[Content_Types].xml", "word/document.xml")
XML_START = re.compile(rb"^(\xef\xbb\xbf|\xff\xfe|\xfe\xff|\x00\x00\xfe\xff|\xff\xfe\x00\x00)?"
                       rb"[\s\x00]*<")
"""How an XML part begins (after an optional byte-order mark): whatever its name says."""
_UTF8_START = re.compile(rb"^(?:\xef\xbb\xbf)?"
                         rb"(?:<\?xml[^>]*?encoding=[\"'](?i:utf-8)[\"']|<(?!\?xml))")
"""A part that is UTF-8 by its declaration (or by having none): a DOCTYPE in it would be
spelled in plain bytes, so one without those bytes need not be parsed to know it has none."""
_DOCTYPE_BYTES = re.compile(rb"<!doctype", re.IGNORECASE)
LINK_SCHEMES = ("http", "https", "mailto")
"""The schemes of the links packgen writes into its outputs."""
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
IMAGE_FORMATS = frozenset({"PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP"})
"""Picture formats every output can embed (python-pptx, python-docx and HTML; WebP as PNG in
the deck and Word, see ``office_picture``)."""
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
    """Raise PackgenError (PG002) unless ``path`` is a PowerPoint file that is safe to open.

    A bomb is refused from the zip's declared sizes without inflating anything; member names
    that escape the zip or repeat, and XML parts declaring a DOCTYPE, are refused too.
    ``display`` names the file in the error (project-relative).
    """
    check_office_file(path, display, "PowerPoint template", REQUIRED_PARTS)


def check_docx_file(path: Path, display: str) -> None:
    """Raise PackgenError (PG002) unless ``path`` is a Word document that is safe to open."""
    check_office_file(path, display, "Word document", DOCX_PARTS)


def check_office_file(path: Path, display: str, kind: str, required: tuple[str, ...]) -> None:
    """Raise PackgenError (PG002) unless ``path`` is a safe Office zip holding ``required``."""
    members = check_zip_file(path, display, kind)
    names = {m.filename for m in members}
    missing = [part for part in required if part not in names]
    if missing:
        raise PackgenError(f"not a {kind}: the zip has no {', '.join(missing)}", display,
                           code=FAKE_FILE)
    check_no_doctype(path, members, display)


def check_zip_file(path: Path, display: str, kind: str = "zip file") -> list[zipfile.ZipInfo]:
    """Return the members of the zip at ``path`` once their names and sizes are safe.

    Refused (PG002): more than MAX_MEMBERS members, a member larger than MAX_MEMBER_BYTES,
    more than MAX_TOTAL_BYTES in all, a bomb's ratio, and a name that is absolute, climbs out
    with ``..`` or repeats. Only the central directory is read.
    """
    members = _zip_members(path, display, kind)
    _check_names(members, display, kind)
    _check_sizes(members, display, kind)
    return members


def check_no_doctype(path: Path, members: list[zipfile.ZipInfo], display: str) -> None:
    """Raise PackgenError (PG002) if any XML part of the zip declares a DOCTYPE.

    Each part that begins like XML is parsed with ``xml_parser()`` (nothing is expanded or
    fetched), so an entity can never reach python-pptx or python-docx.
    """
    with zipfile.ZipFile(path) as archive:
        for member in members:
            if _declares_doctype(archive, member):
                raise PackgenError(f"{member.filename} declares a DOCTYPE (entities are not "
                                   "allowed in templates)", display, code=FAKE_FILE)


@cache
def xml_parser() -> etree.XMLParser:
    """Return the one parser packgen reads Office XML with: no entities, no DTD, nothing
    fetched, no huge trees (lxml loads only when a template is read)."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_blank_text=True)


def parse_xml(blob: bytes) -> etree._Element:
    """Return the root of an XML part parsed with ``xml_parser()`` (entities never expanded)."""
    from lxml import etree

    return etree.fromstring(blob, xml_parser())


def link_allowed(target: str) -> bool:
    """Return True when ``target`` is an http, https or mailto address packgen may write."""
    found = _SCHEME.match(target.strip())
    return bool(found) and found.group(1).lower() in LINK_SCHEMES


def check_image_file(path: Path, display: str, line: int | None = None) -> None:
    """Raise PackgenError at ``display:line`` unless ``path`` is a picture the outputs can use.

    A file over the bytes or pixels limits is PG024 (``check_picture_bounds``); one that is
    not a PNG, JPEG, GIF, BMP, TIFF or WebP picture, or is damaged, is PG002.
    """
    check_picture_bounds(path, display, line)
    fmt = _verified_format(path, display, line)
    if fmt not in IMAGE_FORMATS:
        raise PackgenError(f"'{path.name}' is a {fmt} picture; use PNG, JPEG, GIF, BMP, TIFF "
                           "or WebP", display, line, FAKE_FILE)


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


def check_svg_file(path: Path, display: str, line: int | None = None) -> bytes:
    """Return the bytes of the SVG picture ``path`` (already found inside the project); raise
    PackgenError (PG021) at ``display:line`` when it refers to another file or an address: a
    viewer, a browser or the print engine could load it. Nothing but the file itself is read,
    and the bytes returned are the bytes checked."""
    try:
        check_file_size(path, MAX_SVG_BYTES, display, line)
        raw = path.read_bytes()
        text = raw.decode("utf-8", errors="replace")
    except OSError as exc:
        raise PackgenError(f"cannot read '{path.name}': {exc.strerror or exc}", display, line,
                           "PG003") from None
    found = [m for pattern in SVG_REFERENCES if (m := pattern.search(text))]
    if found:
        ref = min(found, key=lambda m: m.start())["ref"].strip() or "an empty address"
        raise PackgenError(f"SVG picture '{path.name}' refers to '{ref[:80]}': an SVG must hold "
                           "everything it shows (other files and remote addresses are not "
                           "fetched)", display, line, REMOTE)
    return raw


def picture_pixels(path: Path) -> tuple[int, int] | None:
    """Return a picture's width and height in pixels from its header, or None when it cannot
    be read (no such file, an SVG, no picture, over the pixels limit)."""
    from PIL import UnidentifiedImageError

    image = _pillow()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", image.DecompressionBombWarning)
            with image.open(path) as img:
                return img.size
    except (image.DecompressionBombError, image.DecompressionBombWarning,
            UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return None


def office_picture(path: Path) -> str | io.BytesIO:
    """Return what a PowerPoint or Word writer embeds for the checked picture ``path``: the
    path itself, or for a WebP picture (which neither can hold) the same picture as PNG.

    The PNG bytes depend only on the picture, so builds stay reproducible.
    """
    if path.suffix.lower() != ".webp":
        return str(path)
    image = _pillow()
    with image.open(path) as img:
        img.load()
        converted = img.convert("RGBA" if img.mode in ("RGBA", "LA", "P") else "RGB")
    out = io.BytesIO()
    converted.save(out, "PNG", optimize=False)
    out.seek(0)
    return out


# --- helpers ---------------------------------------------------------------------------


def _zip_members(path: Path, display: str, kind: str) -> list[zipfile.ZipInfo]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except FileNotFoundError:
        raise PackgenError("template not found", display, code=TEMPLATE_MISSING) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise PackgenError(
            f"not a {kind}: the file is not a zip archive (damaged or another format)",
            display, code=FAKE_FILE) from None
    if len(members) > MAX_MEMBERS:
        raise PackgenError(f"{kind} refused: {len(members)} zip members (at most "
                           f"{MAX_MEMBERS})", display, code=FAKE_FILE)
    return members


def _check_names(members: list[zipfile.ZipInfo], display: str, kind: str) -> None:
    seen: set[str] = set()
    for member in members:
        name = member.filename
        problem = _name_problem(name, seen)
        if problem:
            raise PackgenError(f"{kind} refused: zip member '{name}' {problem}", display,
                               code=FAKE_FILE)
        seen.add(name.lower())


def _name_problem(name: str, seen: set[str]) -> str | None:
    plain = name.replace("\\", "/")
    if plain.startswith("/") or re.match(r"^[A-Za-z]:", plain):
        return "has an absolute path"
    if ".." in plain.split("/") or posixpath.normpath(plain).startswith(".."):
        return "climbs out of the zip with '..'"
    if name.lower() in seen:
        return "appears twice"
    return None


def _check_sizes(members: list[zipfile.ZipInfo], display: str, kind: str) -> None:
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_BYTES:
        raise PackgenError(
            f"{kind} refused: it would inflate to {_mib(total)} (at most "
            f"{_mib(MAX_TOTAL_BYTES)}); possibly a zip bomb", display, code=FAKE_FILE)
    for member in members:
        if member.file_size > RATIO_MIN_BYTES and (
                member.file_size > MAX_RATIO * max(member.compress_size, 1)):
            raise PackgenError(
                f"{kind} refused: member '{member.filename}' inflates "
                f"{member.file_size // max(member.compress_size, 1)}:1 to "
                f"{_mib(member.file_size)}; possibly a zip bomb", display, code=FAKE_FILE)
        if member.file_size > MAX_MEMBER_BYTES:
            raise PackgenError(
                f"{kind} refused: member '{member.filename}' is {_mib(member.file_size)} "
                f"(at most {_mib(MAX_MEMBER_BYTES)} each)", display, code=FAKE_FILE)


def _declares_doctype(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    data = archive.read(member)
    if not XML_START.match(data[:64]):
        return False
    if _UTF8_START.match(data[:256]) and not _DOCTYPE_BYTES.search(data):
        return False
    from lxml import etree

    try:
        root = parse_xml(data)
    except etree.XMLSyntaxError:
        return b"<!DOCTYPE" in data.upper()
    return root.getroottree().docinfo.doctype != ""


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
        raise PackgenError(f"'{path.name}' is not a picture (PNG, JPEG, GIF, BMP, TIFF or WebP "
                           "expected)", display, line, FAKE_FILE) from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise PackgenError(f"'{path.name}' is a damaged picture ({exc})", display, line,
                           FAKE_FILE) from None
    return fmt

MAX_MATH_CHARS = 2_000
"""Longest TeX of one equation, in characters: far beyond any slide's formula."""
