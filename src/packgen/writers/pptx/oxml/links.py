"""Drop a deck template's external relationships (PG022) from the opened presentation."""

from __future__ import annotations

from typing import Any

from lxml import etree

from packgen.rules.ooxml.links import kept, unlink
from packgen.safety import parse_xml


def drop_external_relationships(prs: Any) -> None:
    """Remove every external relationship but web and mail hyperlinks, and what refers to it."""
    package = prs.part.package
    _drop(package._rels, None)
    for part in package.iter_parts():
        _drop(part.rels, part)


def _drop(rels: Any, part: Any) -> None:
    doomed = [rid for rid, rel in rels.items()
              if rel.is_external and not kept(rel.reltype, rel.target_ref)]
    for rid in doomed:
        if part is not None:
            _unlink_part(part, rid)
        rels.pop(rid)


def _unlink_part(part: Any, rid: str) -> None:
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
