"""OOXML read with lxml alone: a package's parts and relationships, DrawingML colours and fills.

``Package`` parses the parts of a .pptx zip the rules ask for, without python-pptx's objects.
Colours resolve through the theme part and the master's colour map (``tx1`` -> ``dk1``), with
``lumMod``/``lumOff``/``tint``/``shade``/``alpha`` applied, so a rule can compare what is drawn.
"""

from __future__ import annotations

import colorsys
import posixpath
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Self

from lxml import etree

from packgen.colours import RGB, blend, parse_hex
from packgen.safety import xml_parser

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
FILL_TAGS = ("solidFill", "gradFill", "noFill", "blipFill", "pattFill", "grpFill")
COLOUR_TAGS = ("srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr")
DEFAULT_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
PRESET = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000",
          "blue": "0000FF", "yellow": "FFFF00", "gray": "808080", "grey": "808080"}

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
"""Prefix of the relationship types (``REL + "slideLayout"``)."""
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
PARSER = xml_parser()
"""Parses parts as python-pptx does (text and whitespace read the same), with no entities,
no DTD and no network."""

RGBA = tuple[float, float, float, float]
"""Red, green, blue (0 to 255) and opacity (0 to 1)."""


@dataclass(frozen=True, slots=True)
class Fill:
    """What a fill paints: its colours (several for a gradient), or why they are unknown."""

    colours: tuple[RGBA, ...] = ()
    """Empty for no fill (transparent)."""
    unknown: str = ""
    """Set for fills a colour cannot stand for, such as ``a picture``."""


@dataclass(frozen=True, slots=True)
class Palette:
    """How colour names resolve for one layout: theme colours, colour map and style lists."""

    scheme: Mapping[str, str]
    """Theme colour name (``dk1``, ``accent1``) to ``RRGGBB``."""
    colour_map: Mapping[str, str]
    """``tx1``/``bg1``/... to theme colour names, after the layout's override."""
    fill_styles: tuple[etree._Element, ...] = ()
    bg_fill_styles: tuple[etree._Element, ...] = ()

    def scheme_hex(self, name: str) -> str:
        """Return ``RRGGBB`` of a scheme colour name, through the colour map."""
        name = self.colour_map.get(name, DEFAULT_MAP.get(name, name))
        return self.scheme.get(name, "000000")


class Package:
    """The XML parts of an OOXML zip, each parsed on first use, and their relationships."""

    def __init__(self, path: str | Path) -> None:
        self._zip = zipfile.ZipFile(path)
        self._parts: dict[str, etree._Element] = {}
        self._rels: dict[str, dict[str, tuple[str, str]]] = {}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self._zip.close()

    def part(self, name: str) -> etree._Element:
        """Return the root element of part ``name`` (``ppt/presentation.xml``)."""
        if name not in self._parts:
            self._parts[name] = etree.fromstring(self._zip.read(name), PARSER)
        return self._parts[name]

    def blob(self, name: str) -> bytes:
        """Return the bytes of part ``name``."""
        return self._zip.read(name)

    def main(self) -> str:
        """Return the name of the package's main part (the presentation)."""
        return self.related("", REL + "officeDocument")[0]

    def target(self, name: str, r_id: str) -> str:
        """Return the part that relationship ``r_id`` of part ``name`` points at."""
        return self.relationships(name)[r_id][1]

    def related(self, name: str, reltype: str) -> list[str]:
        """Return the parts part ``name`` relates to with ``reltype``, in relationship order."""
        return [target for kind, target in self.relationships(name).values() if kind == reltype]

    def relationships(self, name: str) -> dict[str, tuple[str, str]]:
        """Return part ``name``'s internal relationships: id to (type, target part name)."""
        if name not in self._rels:
            self._rels[name] = self._read_rels(name)
        return self._rels[name]

    def _read_rels(self, name: str) -> dict[str, tuple[str, str]]:
        folder, base = posixpath.split(name)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self._zip.NameToInfo:
            return {}
        found = {}
        for rel in etree.fromstring(self._zip.read(rels_name), PARSER).iter(PKG_REL):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            path = target[1:] if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            found[rel.get("Id", "")] = (rel.get("Type", ""), path)
        return found


def xpath(el: etree._Element, path: str) -> list[etree._Element]:
    """Return the elements ``path`` finds under ``el`` (prefixes ``a``, ``p``, ``r``)."""
    return _compiled(path)(el)


@lru_cache(maxsize=256)
def _compiled(path: str) -> etree.XPath:
    return etree.XPath(path, namespaces=NS)


def first(el: etree._Element | None, path: str) -> etree._Element | None:
    """Return the first element ``path`` finds under ``el``, or None."""
    if el is None:
        return None
    found = xpath(el, path)
    return found[0] if found else None


_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def shapes_of(tree: etree._Element) -> list[etree._Element]:
    """Return the shapes of a shape tree, each ``mc:AlternateContent`` read as its fallback
    (a shape holding an equation: the same box, with the formula as text)."""
    found = []
    for el in tree:
        if el.tag == _ALTERNATE:
            fallback = el.find(_FALLBACK)
            found.extend(fallback if fallback is not None else ())
        else:
            found.append(el)
    return found


def local(el: etree._Element) -> str:
    """Return an element's tag without its namespace."""
    return etree.QName(el).localname


def palette(theme: etree._Element, colour_map: Mapping[str, str]) -> Palette:
    """Return the palette of a theme part and a master's (or layout's) colour map."""
    scheme = {}
    for entry in xpath(theme, "a:themeElements/a:clrScheme/*"):
        value = _colour_value(entry)
        if value:
            scheme[local(entry)] = value
    fmt = "a:themeElements/a:fmtScheme/"
    return Palette(scheme, dict(colour_map), tuple(xpath(theme, fmt + "a:fillStyleLst/*")),
                   tuple(xpath(theme, fmt + "a:bgFillStyleLst/*")))


def colour(holder: etree._Element | None, pal: Palette, ph: RGBA | None = None) -> RGBA | None:
    """Return the colour of the first colour element under ``holder``, modifiers applied."""
    if holder is None:
        return None
    for child in holder:
        if local(child) in COLOUR_TAGS:
            return _modified(_base(child, pal, ph), child)
    return None


def fill(holder: etree._Element | None, pal: Palette, ph: RGBA | None = None) -> Fill | None:
    """Return the fill chosen under ``holder`` (``spPr``, ``bgPr``, a style entry), or None."""
    if holder is None:
        return None
    for child in holder:
        reader = _FILLS.get(local(child))
        if reader is not None:
            return reader(child, pal, ph)
    return None


def style_fill(ref: etree._Element | None, pal: Palette) -> Fill | None:
    """Return the fill a ``fillRef``/``bgRef`` picks from the theme's style lists."""
    if ref is None:
        return None
    idx = int(ref.get("idx", "0"))
    ph = colour(ref, pal)
    styles, n = (pal.bg_fill_styles, idx - 1001) if idx >= 1001 else (pal.fill_styles, idx - 1)
    if idx == 0 or not 0 <= n < len(styles):
        return Fill()
    holder = etree.Element("holder")
    holder.append(_copy(styles[n]))
    return fill(holder, pal, ph)


def over(top: Fill, below: Fill) -> Fill:
    """Return ``top`` painted over ``below``: see-through colours blended with what is under."""
    if top.unknown or opaque(top):
        return top
    if not top.colours or below.unknown:
        return below if not top.colours else Fill(unknown=below.unknown)
    unders = below.colours or ((255.0, 255.0, 255.0, 1.0),)
    return Fill(tuple((*blend(c[:3], c[3], u[:3]), 1.0) for c in top.colours for u in unders))


def opaque(fill_: Fill) -> bool:
    """Return True when nothing under ``fill_`` shows through."""
    return bool(fill_.unknown) or bool(fill_.colours) and all(c[3] >= 1 for c in fill_.colours)


def rgb(c: RGBA) -> RGB:
    """Return the colour channels of an RGBA colour."""
    return c[0], c[1], c[2]


# --- private -----------------------------------------------------------------------------


def _colour_value(entry: etree._Element) -> str | None:
    for child in entry:
        if local(child) == "srgbClr":
            return child.get("val")
        if local(child) == "sysClr":
            return child.get("lastClr") or ("FFFFFF" if child.get("val") == "window" else "000000")
    return None


def _base(el: etree._Element, pal: Palette, ph: RGBA | None) -> RGBA:
    tag = local(el)
    if tag == "schemeClr" and el.get("val") == "phClr":
        return ph or (0.0, 0.0, 0.0, 1.0)
    value = {
        "srgbClr": lambda: el.get("val", "000000"),
        "schemeClr": lambda: pal.scheme_hex(el.get("val", "tx1")),
        "sysClr": lambda: el.get("lastClr") or "000000",
        "prstClr": lambda: PRESET.get(el.get("val", "black"), "000000"),
    }.get(tag, lambda: "000000")()
    return (*parse_hex(value), 1.0)


def _modified(c: RGBA, el: etree._Element) -> RGBA:
    red, green, blue, alpha = c
    for mod in el:
        val = int(mod.get("val", "100000")) / 100000
        name = local(mod)
        if name in ("lumMod", "lumOff"):
            hue, light, sat = colorsys.rgb_to_hls(red / 255, green / 255, blue / 255)
            light = min(1.0, max(0.0, light * val if name == "lumMod" else light + val))
            red, green, blue = (x * 255 for x in colorsys.hls_to_rgb(hue, light, sat))
        elif name == "tint":
            red, green, blue = (x + (255 - x) * (1 - val) for x in (red, green, blue))
        elif name == "shade":
            red, green, blue = (x * val for x in (red, green, blue))
        elif name == "alpha":
            alpha = val
    return red, green, blue, alpha


def _solid(el: etree._Element, pal: Palette, ph: RGBA | None) -> Fill:
    found = colour(el, pal, ph)
    return Fill((found,) if found else ())


def _gradient(el: etree._Element, pal: Palette, ph: RGBA | None) -> Fill:
    stops = [colour(gs, pal, ph) for gs in xpath(el, "a:gsLst/a:gs")]
    return Fill(tuple(s for s in stops if s is not None))


def _pattern(el: etree._Element, pal: Palette, ph: RGBA | None) -> Fill:
    parts = [colour(first(el, f"a:{name}"), pal, ph) for name in ("fgClr", "bgClr")]
    return Fill(tuple(p for p in parts if p is not None))


def _picture(el: etree._Element, pal: Palette, ph: RGBA | None) -> Fill:
    return Fill(unknown="a picture")


def _none(el: etree._Element, pal: Palette, ph: RGBA | None) -> Fill:
    return Fill()


def _copy(el: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(el))


_FILLS = {
    "solidFill": _solid,
    "gradFill": _gradient,
    "pattFill": _pattern,
    "blipFill": _picture,
    "noFill": _none,
    "grpFill": _none,
}
