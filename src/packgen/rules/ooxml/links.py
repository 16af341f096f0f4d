"""External relationships of an Office file: which a template may keep, and how to unlink one.

A template may hold hyperlinks to http, https and mailto addresses. Every other relationship
with ``TargetMode="External"`` (a ``file:`` or UNC path, a linked picture, an attached Word
template, a linked OLE object, a hyperlink to another scheme) makes Word or PowerPoint reach
outside the file when it is opened, and is dropped from the outputs with a PG022 warning.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from packgen.errors import Diagnostic, warning
from packgen.safety import link_allowed, parse_xml

DROPPED = "PG022"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
NEEDS_ID = frozenset({
    f"{{{W_NS}}}attachedTemplate", f"{{{W_NS}}}altChunk", f"{{{W_NS}}}subDoc",
    f"{{{W_NS}}}frame", f"{{{W_NS}}}dataSource", f"{{{W_NS}}}headerSource",
    f"{{{W_NS}}}sourceFileName", f"{{{W_NS}}}recipientData",
})
"""Word elements that mean nothing without the relationship they name: removed with it."""
O_RELID = "{urn:schemas-microsoft-com:office:office}relid"
GRAPHIC_FRAME = f"{{{P_NS}}}graphicFrame"
OLE_OBJECT = f"{{{P_NS}}}oleObj"


@dataclass(frozen=True, slots=True)
class ExternalLink:
    """One external relationship of a template, as its ``.rels`` part lists it."""

    rels_part: str
    """The relationships part (``ppt/slideLayouts/_rels/slideLayout2.xml.rels``)."""
    rel_id: str
    reltype: str
    target: str


def kept(reltype: str, target: str) -> bool:
    """Return True for the one external relationship an output may hold: a web or mail link."""
    return reltype == HYPERLINK and link_allowed(target)


def dropped_links(path: Path) -> list[ExternalLink]:
    """Return the external relationships of the zip at ``path`` that the outputs will not keep.

    The zip must have passed ``safety.check_office_file`` (sizes, names, no DOCTYPE).
    """
    found = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(n for n in archive.namelist() if _is_rels(n)):
            for rel in parse_xml(archive.read(name)).iter(PKG_REL):
                link = ExternalLink(name, rel.get("Id", ""), rel.get("Type", ""),
                                    rel.get("Target", ""))
                if rel.get("TargetMode") == "External" and not kept(link.reltype, link.target):
                    found.append(link)
    return found


def dropped_warnings(path: Path, display: str) -> list[Diagnostic]:
    """Return one PG022 warning per external relationship of the template that is dropped."""
    return [warning(f"external link '{link.target}' in {link.rels_part} dropped: a template "
                    "may not point outside the file", display, None, DROPPED)
            for link in dropped_links(path)]


def unlink(root: etree._Element, rel_id: str) -> None:
    """Remove every reference to relationship ``rel_id`` under ``root``, keeping the XML valid.

    An attribute naming it (``r:id``, ``r:link``, ``r:embed``) is removed; an element that means
    nothing without it (an attached template, a linked OLE object's frame) goes with it.
    """
    for el in list(root.iter()):
        names = [name for name, value in el.attrib.items()
                 if value == rel_id and (name.startswith(f"{{{R_NS}}}") or name == O_RELID)]
        if names:
            _unlink_element(el, names)


def _unlink_element(el: etree._Element, names: list[str]) -> None:
    doomed = _doomed(el)
    if doomed is not None and doomed.getparent() is not None:
        doomed.getparent().remove(doomed)
        return
    for name in names:
        del el.attrib[name]


def _doomed(el: etree._Element) -> etree._Element | None:
    if el.tag in NEEDS_ID:
        return el
    if el.tag == OLE_OBJECT:
        frame = next((a for a in el.iterancestors(GRAPHIC_FRAME)), None)
        return frame if frame is not None else el
    return None


def _is_rels(name: str) -> bool:
    return name.endswith(".rels") and ("_rels/" in name or name.startswith("_rels"))
