"""Check Office templates and pictures before any library opens them: no zip bombs, no fakes."""

from __future__ import annotations

import posixpath
import re
import warnings
import zipfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from packgen.errors import PackgenError

if TYPE_CHECKING:
    from lxml import etree

ZIP_REFUSED = "PG002"
"""Code of every refusal of a zip or picture that is not what it claims."""
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
LINK_SCHEMES = ("http", "https", "mailto")
"""The schemes of the links packgen writes into its outputs."""
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
IMAGE_FORMATS = frozenset({"PNG", "JPEG", "GIF", "BMP", "TIFF"})
"""Picture formats every output can embed (python-pptx, python-docx and HTML)."""
MAX_IMAGE_PIXELS = 50_000_000


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
                           code=ZIP_REFUSED)
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
                                   "allowed in templates)", display, code=ZIP_REFUSED)


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


def _zip_members(path: Path, display: str, kind: str) -> list[zipfile.ZipInfo]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except FileNotFoundError:
        raise PackgenError("template not found", display) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise PackgenError(
            f"not a {kind}: the file is not a zip archive (damaged or another format)",
            display, code=ZIP_REFUSED) from None
    if len(members) > MAX_MEMBERS:
        raise PackgenError(f"{kind} refused: {len(members)} zip members (at most "
                           f"{MAX_MEMBERS})", display, code=ZIP_REFUSED)
    return members


def _check_names(members: list[zipfile.ZipInfo], display: str, kind: str) -> None:
    seen: set[str] = set()
    for member in members:
        name = member.filename
        problem = _name_problem(name, seen)
        if problem:
            raise PackgenError(f"{kind} refused: zip member '{name}' {problem}", display,
                               code=ZIP_REFUSED)
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
            f"{_mib(MAX_TOTAL_BYTES)}); possibly a zip bomb", display, code=ZIP_REFUSED)
    for member in members:
        if member.file_size > RATIO_MIN_BYTES and (
                member.file_size > MAX_RATIO * max(member.compress_size, 1)):
            raise PackgenError(
                f"{kind} refused: member '{member.filename}' inflates "
                f"{member.file_size // max(member.compress_size, 1)}:1 to "
                f"{_mib(member.file_size)}; possibly a zip bomb", display, code=ZIP_REFUSED)
        if member.file_size > MAX_MEMBER_BYTES:
            raise PackgenError(
                f"{kind} refused: member '{member.filename}' is {_mib(member.file_size)} "
                f"(at most {_mib(MAX_MEMBER_BYTES)} each)", display, code=ZIP_REFUSED)


def _declares_doctype(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    with archive.open(member) as stream:
        if not XML_START.match(stream.read(64)):
            return False
    from lxml import etree

    try:
        root = parse_xml(archive.read(member))
    except etree.XMLSyntaxError:
        return b"<!DOCTYPE" in archive.read(member).upper()
    return root.getroottree().docinfo.doctype != ""


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
