"""Apply theme.yaml's colours and fonts to a deck's theme parts (the template's look)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lxml import etree

from packgen.colours import hex_digits
from packgen.safety import parse_xml
from packgen.writers.pptx.oxml.elements import A_NS, qn

SCHEME_SLOTS = (
    ("dk1", "text"), ("lt1", "background"), ("dk2", "accent"), ("lt2", "accent_text"),
    ("accent1", "accent"), ("accent2", "my_space"), ("accent3", "your_space"),
    ("accent4", "shared_space"), ("accent5", "muted"), ("accent6", "surface"),
    ("hlink", "accent"), ("folHlink", "accent"),
)
"""Theme colour slot to theme.yaml colour name (the packaged template's master uses these)."""
FALLBACK = {"accent_text": "background", "surface": "background", "muted": "text"}


def restyle(prs: Any, colours: Mapping[str, str], fonts: Mapping[str, str]) -> None:
    """Rewrite every theme part of ``prs`` with ``colours`` and ``fonts`` (see ``apply_theme``)."""
    for part in theme_parts(prs):
        part._blob = apply_theme(part.blob, colours, fonts)


def theme_parts(prs: Any) -> list[Any]:
    """Return the theme parts of every slide master and the notes master."""
    rt = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    owners = [m.part for m in prs.slide_masters]
    notes_rel = [r for r in prs.part.rels.values() if r.reltype.endswith("/notesMaster")]
    owners += [r.target_part for r in notes_rel]
    return [r.target_part for o in owners for r in o.rels.values() if r.reltype == rt]


def apply_theme(blob: bytes, colours: Mapping[str, str], fonts: Mapping[str, str],
                name: str = "packgen") -> bytes:
    """Return theme XML with its colour scheme and fonts taken from ``colours``/``fonts``."""
    root = parse_xml(blob)
    ns = {"a": A_NS}
    scheme = root.find(".//a:clrScheme", ns)
    scheme.set("name", name)
    for slot, key in SCHEME_SLOTS:
        value = colours.get(key) or colours.get(FALLBACK.get(key, "text"), "#000000")
        holder = scheme.find(f"a:{slot}", ns)
        for child in list(holder):
            holder.remove(child)
        etree.SubElement(holder, qn("a:srgbClr"), val=hex_digits(value))
    font_scheme = root.find(".//a:fontScheme", ns)
    font_scheme.set("name", name)
    for part, key in (("majorFont", "heading"), ("minorFont", "body")):
        latin = font_scheme.find(f"a:{part}/a:latin", ns)
        latin.set("typeface", fonts.get(key, "Arial"))
        for attr in ("panose", "pitchFamily", "charset"):
            latin.attrib.pop(attr, None)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
