"""Fonts and pictures inlined into HTML as ``data:`` URIs, the same way for every page."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from packgen import paths
from packgen.errors import PackgenError
from packgen.model import Image
from packgen.templating import CallError

UNSUPPORTED_PICTURE = "PG130"

PICTURE_TYPES = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".svg": "image/svg+xml", ".webp": "image/webp", ".bmp": "image/bmp", ".tif": "image/tiff",
    ".tiff": "image/tiff",
}
"""Picture suffix to MIME type: what an HTML page (and the PDF made from it) can show."""
FONT_TYPES = {".ttf": ("font/ttf", "truetype"), ".otf": ("font/otf", "opentype")}
"""Font suffix to MIME type and CSS ``format()``."""
FONT_FILE = re.compile(r"^(?P<family>[A-Za-z0-9]+)_(?P<weight>\d{3})[A-Za-z]*?(?P<italic>_?Italic)?$")
"""A font file's stem: ``<FamilyWithoutSpaces>_<weight><Style>[_Italic]``."""
REMOTE = "PG021"
"""The code of a template naming an address on the network."""
_ADDRESS = r"""\s*['"]?\s*(?P<address>(?:https?:|ftp:|//)[^'")\s>]*)"""
REMOTE_REFERENCES = (
    re.compile(r"url\(" + _ADDRESS, re.IGNORECASE),
    re.compile(r"@import\s+" + _ADDRESS, re.IGNORECASE),
    re.compile(r"\b(?:src|srcset|poster|data|background|xlink:href)\s*=" + _ADDRESS,
               re.IGNORECASE),
    re.compile(r"<(?:link|use|image|feimage)\b[^>]*?\bhref\s*=" + _ADDRESS, re.IGNORECASE),
)
"""What makes a browser fetch: ``url()`` and ``@import`` in CSS, ``src=`` and friends on any
element, ``href=`` on ``<link>`` and SVG elements (an ``<a href>`` is a link, never fetched)."""


@dataclass(frozen=True, slots=True)
class FontFace:
    """One font file of a theme family, inlined: what an ``@font-face`` rule needs."""

    family: str
    weight: int
    style: str
    """``normal`` or ``italic``."""
    uri: str
    """The file as a ``data:`` URI."""
    format: str
    """``truetype`` or ``opentype``, for ``src: url(...) format(...)``."""

    def css(self) -> str:
        """Return this face's ``@font-face`` rule (the family cannot break out of its string)."""
        return (f'@font-face {{ font-family: "{css_string(self.family)}"; '
                f"font-weight: {self.weight}; font-style: {self.style}; "
                f'src: url("{self.uri}") format("{self.format}"); }}')


class FontFaces(tuple[FontFace, ...]):
    """The faces a page's templates receive: loop over them, or print them as CSS rules."""

    __slots__ = ()

    def __html__(self) -> str:
        """Return every face's ``@font-face`` rule, one a line (safe inside ``<style>``)."""
        return "\n".join(face.css() for face in self)

    __str__ = __html__

    @property
    def upright(self) -> FontFaces:
        """Return the faces that are not italic."""
        return FontFaces(face for face in self if face.style != "italic")


def font_faces(root: Path, families: Iterable[str]) -> FontFaces:
    """Return the inlined faces of each family, in order (a family named twice counts once).

    A family's files are named ``<FamilyWithoutSpaces>_<weight><Style>[_Italic].ttf`` (or
    ``.otf``), for example ``AtkinsonHyperlegibleNext_700Bold_Italic.ttf``. They are looked for in
    the project's ``templates/fonts`` first, then packgen's; the first folder holding any file
    of the family gives all of its faces.
    """
    return FontFaces(_face(family, found, match)
                     for family in dict.fromkeys(families)
                     for found, match in _family_files(root, family))


class Pictures:
    """Turn project pictures into ``data:`` URIs, reading each file once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._uris: dict[str, str] = {}

    def uri(self, picture: Image) -> str:
        """Return the picture's file as a ``data:`` URI.

        A type HTML cannot show is a PackgenError at the place that names the picture.
        """
        if picture.src not in self._uris:
            mime = PICTURE_TYPES.get(PurePosixPath(picture.src).suffix.lower())
            if mime is None:
                raise PackgenError(
                    f"picture '{picture.src}' cannot be inlined in an HTML page: use PNG, JPEG, "
                    "GIF, SVG, WebP, BMP or TIFF", picture.loc.path, picture.loc.line,
                    UNSUPPORTED_PICTURE)
            data = paths.read_bytes(self.root, self.root / picture.src, picture.loc.path,
                                    picture.loc.line)
            self._uris[picture.src] = data_uri(mime, data)
        return self._uris[picture.src]

    def template_uri(self, picture: object) -> str:
        """Return ``uri`` for a template's ``picture_uri(image)``: only a picture the content
        names is shown; anything else is refused at the template's line (PG020), unread."""
        if not isinstance(picture, Image):
            name = getattr(picture, "src", picture)
            raise CallError(f"picture_uri() was given '{name}', not a picture from the "
                            "content: a template shows only the project's own pictures",
                            code=paths.OUTSIDE)
        return self.uri(picture)


_TAG = re.compile(r"<[A-Za-z][^>]*>")
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)


def refuse_remote_page(page: str, display: str) -> None:
    """Raise a PackgenError (PG021) at the page's template when the rendered page would
    fetch an address: one the template's expressions put together, which ``refuse_remote``
    cannot see in its text. Only tags and style sheets are searched: content is escaped, so
    it cannot make either, and its links stay links."""
    parts = [m[0] for m in _TAG.finditer(page)] + [m[1] for m in _STYLE.finditer(page)]
    found = [m["address"] for part in parts for pattern in REMOTE_REFERENCES
             if (m := pattern.search(part))]
    if found:
        raise PackgenError(f"the page would fetch '{found[0]}' (an address the template puts "
                           "together): remote address is not fetched: put the file in "
                           "templates/", display, None, REMOTE)


def refuse_remote(text: str, display: str) -> None:
    """Raise a PackgenError (PG021) at the first line of a template that names an address a
    browser would fetch: an HTML output holds every file it needs."""
    found = [(match.start("address"), match["address"]) for pattern in REMOTE_REFERENCES
             for match in pattern.finditer(text)]
    if found:
        start, address = min(found)
        raise PackgenError(f"remote address '{address}' is not fetched: put the file in "
                           "templates/", display, text.count("\n", 0, start) + 1, REMOTE)


def data_uri(mime: str, data: bytes) -> str:
    """Return ``data`` as a base64 ``data:`` URI of type ``mime``."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def css_string(value: str) -> str:
    """Return ``value`` without the characters that could end a CSS string or a style."""
    return re.sub(r'["\\<>\n]', "", value)


def _family_files(root: Path, family: str) -> list[tuple[paths.TemplateFile, re.Match[str]]]:
    stem = re.sub(r"\s+", "", family)
    for names in paths.list_templates(root, "fonts"):
        matches = [(name, match) for name in names if (match := _font_match(name, stem))]
        if matches:
            return [(paths.find_template(root, f"fonts/{name}"), match)
                    for name, match in matches]
    return []


def _font_match(name: str, stem: str) -> re.Match[str] | None:
    path = PurePosixPath(name)
    match = FONT_FILE.match(path.stem)
    if path.suffix in FONT_TYPES and match and match["family"] == stem:
        return match
    return None


def _face(family: str, found: paths.TemplateFile, match: re.Match[str]) -> FontFace:
    mime, fmt = FONT_TYPES[PurePosixPath(found.display).suffix]
    return FontFace(family, int(match["weight"]), "italic" if match["italic"] else "normal",
                    data_uri(mime, found.read_bytes()), fmt)
