"""Read a deck template once: its masters, layouts, placeholders, palettes and text styles."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from packgen.colours import hex_problem
from packgen.errors import PackgenError
from packgen.rules.ooxml.package import Palette, first, palette, xpath
from packgen.rules.ooxml.textstyle import (
    Chain,
    master_placeholder,
    ph_idx,
    ph_type,
    placeholder,
    role,
    shapes,
    text_style,
)

_COLOUR_VALUES = ".//a:srgbClr/@val | .//a:sysClr/@lastClr[. != '']"
"""The hex colours a template spells out (a ``sysClr`` may leave ``lastClr`` out)."""


@dataclass(frozen=True, slots=True)
class PlaceholderInfo:
    """One placeholder of a layout: what it holds, and where (EMU)."""

    name: str
    type: str
    """The OOXML type: ``title``, ``ctrTitle``, ``body``, ``obj``, ``subTitle``, ``pic`` ..."""
    idx: int
    left: int
    top: int
    width: int
    height: int

    @property
    def role(self) -> str:
        """Return ``title``, ``body``, ``picture``, ``footer`` or ``other``."""
        return role(self.type)

    @property
    def size(self) -> str:
        """Return the size in centimetres, for example ``25.4 x 3.2 cm``."""
        return f"{self.width / 360000:.1f} x {self.height / 360000:.1f} cm"


@dataclass(frozen=True, slots=True)
class LayoutDoc:
    """One layout with the XML the style rules read."""

    name: str
    element: etree._Element
    master: etree._Element
    master_name: str
    palette: Palette
    placeholders: tuple[tuple[etree._Element, PlaceholderInfo], ...]
    defaults: etree._Element | None = None
    """The presentation's default text style."""

    def chain(self, sp: etree._Element) -> Chain:
        """Return the inheritance chain of one of this layout's placeholders."""
        kind = ph_type(sp)
        base = master_placeholder(self.master, kind)
        shapes_ = (sp,) if base is None else (sp, base)
        labels = (f"layout '{self.name}'", "the slide master's placeholder")[: len(shapes_)]
        return Chain(shapes_, labels, text_style(self.master, kind), self.defaults)


@dataclass(frozen=True, slots=True)
class TemplateDoc:
    """An opened template: layouts in order, the XML parts, and how many slides it holds."""

    layouts: tuple[LayoutDoc, ...]
    masters: tuple[tuple[str, etree._Element], ...]
    themes: tuple[etree._Element, ...]
    presentation: etree._Element
    slide_count: int

    def layout(self, name: str) -> LayoutDoc | None:
        """Return the first layout called ``name`` exactly, or None."""
        return next((lay for lay in self.layouts if lay.name == name), None)


def read_template(path: Path, display: str) -> TemplateDoc:
    """Return the template at ``path`` read; an unreadable file is a PackgenError (PG400)."""
    from pptx import Presentation

    from packgen.safety import check_pptx_file

    check_pptx_file(path, display)
    try:
        prs = Presentation(str(path))
    except Exception as exc:  # noqa: BLE001 - python-pptx and lxml raise many kinds
        raise PackgenError(f"cannot read the deck template: {exc}", display,
                           code="PG400") from None
    doc = _read(prs)
    bad = _bad_colours(doc)
    if bad:
        raise PackgenError("cannot read the deck template: colours that are not RRGGBB: "
                           + "; ".join(bad), display, code="PG400")
    return doc


def _read(prs: Any) -> TemplateDoc:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    pres_el = prs.part._element
    defaults = first(pres_el, "p:defaultTextStyle")
    layouts: list[LayoutDoc] = []
    masters, themes = [], []
    for master in prs.slide_masters:
        theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
        master_el = master._element
        masters.append((_name(master_el) or "slide master", master_el))
        themes.append(theme)
        layouts += [_layout(lay, master_el, theme, defaults) for lay in master.slide_layouts]
    return TemplateDoc(tuple(layouts), tuple(masters), tuple(themes), pres_el, len(prs.slides))


def _bad_colours(doc: TemplateDoc) -> list[str]:
    parts = [doc.presentation, *doc.themes, *(el for _, el in doc.masters),
             *(lay.element for lay in doc.layouts)]
    values = dict.fromkeys(str(v) for part in parts for v in xpath(part, _COLOUR_VALUES))
    found = [(v, hex_problem(v)) for v in values]
    return [f"'{v}' ({problem})" for v, problem in found if problem]


def _layout(layout: object, master_el: etree._Element, theme: etree._Element,
            defaults: etree._Element | None) -> LayoutDoc:
    element = layout._element  # type: ignore[attr-defined]
    base_map = first(master_el, "p:clrMap")
    colour_map = dict(base_map.attrib) if base_map is not None else {}
    override = first(element, "p:clrMapOvr/a:overrideClrMapping")
    if override is not None:
        colour_map.update(override.attrib)
    infos = tuple((ph._element, _info(ph)) for ph in layout.placeholders)  # type: ignore
    return LayoutDoc(layout.name, element, master_el,  # type: ignore[attr-defined]
                     _name(master_el), palette(theme, colour_map),
                     infos, defaults)


def _name(part: etree._Element) -> str:
    c_sld = first(part, "p:cSld")
    return c_sld.get("name", "") if c_sld is not None else ""


def _info(ph: object) -> PlaceholderInfo:
    sp = ph._element  # type: ignore[attr-defined]
    return PlaceholderInfo(
        ph.name, ph_type(sp), ph_idx(sp),  # type: ignore[attr-defined]
        *(int(getattr(ph, side) or 0) for side in ("left", "top", "width", "height")))


def text_shapes(layout: LayoutDoc) -> list[etree._Element]:
    """Return the layout's placeholders that carry text (titles, bodies, footers)."""
    return [sp for sp, info in layout.placeholders
            if placeholder(sp) is not None and info.role in ("title", "body", "footer")]


def drawn_shapes(part: etree._Element) -> list[etree._Element]:
    """Return a layout's or master's non-placeholder shapes and pictures, in drawing order."""
    tree = first(part, "p:cSld/p:spTree")
    if tree is None:
        return []
    return [el for el in tree if etree.QName(el).localname in ("sp", "pic")
            and first(el, "*/p:nvPr/p:ph") is None]


__all__ = ["LayoutDoc", "PlaceholderInfo", "TemplateDoc", "read_template", "shapes"]
