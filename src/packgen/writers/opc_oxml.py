"""Drop external relationships from an opened Office package (PG022), for both writers.

python-pptx and python-docx share one design of the Open Packaging Conventions (a package
with relationships, parts with their own), so one function serves the deck template and the
reference document. It imports neither library; it touches their internals (a part's
element or raw bytes), so it lives with the writers' oxml modules.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from packgen.rules.ooxml.links import kept, unlink
from packgen.safety import parse_xml


def drop_external(package_rels: Any, parts: Any) -> None:
    """Remove every external relationship but web and mail hyperlinks from the package's own
    relationships and each part's, with the references to each one in the part."""
    _drop(package_rels, None)
    for part in parts:
        _drop(part.rels, part)


def _drop(rels: Any, part: Any) -> None:
    doomed = [rid for rid, rel in rels.items()
              if rel.is_external and not kept(rel.reltype, rel.target_ref)]
    for rid in doomed:
        if part is not None:
            _unlink_part(part, rid)
        rels.pop(rid)


def _unlink_part(part: Any, rid: str) -> None:
    """Remove what refers to ``rid`` from a parsed part, or from the XML of a part the
    library keeps only as bytes."""
    element = getattr(part, "_element", None)
    if element is not None:
        unlink(element, rid)
        return
    blob = part.blob
    if blob.lstrip()[:1] == b"<":
        root = parse_xml(blob)
        unlink(root, rid)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                    standalone=True)


SVG_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
"""The ``a:ext`` uri Office gives the SVG behind a picture's PNG."""
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def add_svg_blip(blip: Any, rid: str) -> None:
    """Point the picture ``blip`` (its PNG, for older readers) at the SVG part ``rid`` too, as
    Office 2016 and later store an SVG picture (``a:extLst/a:ext/asvg:svgBlip``)."""
    ext_lst = blip.find(f"{_A}extLst")
    if ext_lst is None:
        ext_lst = etree.SubElement(blip, f"{_A}extLst")
    ext = etree.SubElement(ext_lst, f"{_A}ext", uri=SVG_URI)
    svg = etree.SubElement(ext, f"{{{SVG_NS}}}svgBlip", nsmap={"asvg": SVG_NS})
    svg.set(f"{{{R_NS}}}embed", rid)
