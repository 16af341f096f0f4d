"""What a slide's text shape inherits (read through the overflow rule's own chain), and the
body properties and list-style levels the deck writer sets on it."""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.oxml.ns import qn

from packgen.rules.ooxml.textstyle import (
    Chain,
    layout_placeholder,
    master_placeholder,
    ph_type,
    placeholder,
    text_style,
)

ANCHORS = frozenset({"t", "ctr", "b"})
_LEVEL_CHILDREN = ("a:lnSpc", "a:spcBef", "a:spcAft")
"""``a:lvlNpPr`` children this module writes, in schema order (before bullets and defRPr)."""


def chain(slide: Any, shape: Any) -> Chain:
    """Return the shapes and styles ``shape`` on ``slide`` inherits text properties from,
    exactly as the overflow rule (PG501) walks them in the built deck."""
    sp = shape._element
    defaults = _presentation(slide).find(qn("p:defaultTextStyle"))
    if placeholder(sp) is None:
        return Chain((sp,), ("slide",), None, defaults)
    layout = slide.slide_layout._element
    master = slide.slide_layout.slide_master._element
    kind = ph_type(sp)
    found = (sp, layout_placeholder(layout, sp), master_placeholder(master, kind))
    shapes = tuple(s for s in found if s is not None)
    labels = ("slide", "layout", "slide master")[: len(shapes)]
    return Chain(shapes, labels, text_style(master, kind), defaults)


def set_anchor(frame: Any, anchor: str) -> None:
    """Anchor a text frame's text at the top (``t``), middle (``ctr``) or bottom (``b``)."""
    if anchor not in ANCHORS:
        raise ValueError(f"unknown anchor {anchor!r}")
    frame._txBody.bodyPr.set("anchor", anchor)


def set_level_spacing(frame: Any, level: int, before_pt: float) -> None:
    """Give outline ``level`` (1-based) of the frame's own list style ``before_pt`` points
    of space before each paragraph (the first paragraph's is not shown)."""
    lst = frame._txBody.find(qn("a:lstStyle"))
    if lst is None:
        lst = etree.Element(qn("a:lstStyle"))
        frame._txBody.bodyPr.addnext(lst)
    tag = qn(f"a:lvl{level}pPr")
    props = lst.find(tag)
    if props is None:
        props = _insert_level(lst, level)
    old = props.find(qn("a:spcBef"))
    if old is not None:
        props.remove(old)
    before = etree.Element(qn("a:spcBef"))
    etree.SubElement(before, qn("a:spcPts")).set("val", str(round(before_pt * 100)))
    later = [c for c in props if c.tag not in (qn("a:lnSpc"),)]
    if later:
        later[0].addprevious(before)
    else:
        props.append(before)


def _insert_level(lst: Any, level: int) -> Any:
    props = etree.Element(qn(f"a:lvl{level}pPr"))
    later = [c for c in lst if c.tag.startswith(qn("a:lvl")) and int(
        etree.QName(c).localname[3]) > level]
    if later:
        later[0].addprevious(props)
    else:
        lst.append(props)
    return props


def _presentation(slide: Any) -> Any:
    return slide.part.package.presentation_part._element
