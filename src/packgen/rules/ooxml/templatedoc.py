"""Read a deck template once: its masters, layouts, placeholders, palettes and text styles."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from packgen.colours import hex_problem
from packgen.errors import PackgenError
from packgen.rules.ooxml.package import REL, Package, Palette, first, palette, xpath
from packgen.rules.ooxml.textstyle import (
    Chain,
    master_placeholder,
    master_positions,
    own_position,
    ph_idx,
    ph_type,
    placeholder,
    placeholder_shapes,
    role,
    shapes,
    text_style,
)
from packgen.safety import check_pptx_file

R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

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
    def box(self) -> tuple[int, int, int, int]:
        """Return the effective box (x, y, width, height in EMU): the placeholder's own, else
        its master placeholder's of the same type (a layout placeholder's idx says nothing)."""
        return self.left, self.top, self.width, self.height

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
    slide_size: tuple[int, int] = (0, 0)
    """The slide's width and height (EMU), from ``p:sldSz``; (0, 0) when it is missing."""

    def layout(self, name: str) -> LayoutDoc | None:
        """Return the first layout called ``name`` exactly, or None."""
        return next((lay for lay in self.layouts if lay.name == name), None)


def read_template(path: Path, display: str) -> TemplateDoc:
    """Return the template at ``path`` read; an unreadable file is a PackgenError (PG400)."""
    check_pptx_file(path, display)
    try:
        with Package(path) as package:
            doc = _read(package)
    except Exception as exc:  # noqa: BLE001 - zipfile and lxml raise many kinds
        raise PackgenError(f"cannot read the deck template: {exc}", display,
                           code="PG400") from None
    bad = _bad_colours(doc)
    if bad:
        raise PackgenError("cannot read the deck template: colours that are not RRGGBB: "
                           + "; ".join(bad), display, code="PG400")
    return doc


def _read(package: Package) -> TemplateDoc:
    main = package.main()
    pres_el = package.part(main)
    defaults = first(pres_el, "p:defaultTextStyle")
    layouts: list[LayoutDoc] = []
    masters, themes = [], []
    for name in _listed(package, main, "p:sldMasterIdLst/p:sldMasterId"):
        master_el = package.part(name)
        theme = package.part(package.related(name, REL + "theme")[0])
        masters.append((_name(master_el) or "slide master", master_el))
        themes.append(theme)
        layouts += [_layout(package.part(lay), master_el, theme, defaults)
                    for lay in _listed(package, name, "p:sldLayoutIdLst/p:sldLayoutId")]
    slide_count = len(xpath(pres_el, "p:sldIdLst/p:sldId"))
    return TemplateDoc(tuple(layouts), tuple(masters), tuple(themes), pres_el, slide_count,
                       _slide_size(pres_el))


def _slide_size(pres_el: etree._Element) -> tuple[int, int]:
    size = first(pres_el, "p:sldSz")
    values = (size.get("cx", ""), size.get("cy", "")) if size is not None else ("", "")
    return (int(values[0]), int(values[1])) if all(v.isdigit() for v in values) else (0, 0)


def _bad_colours(doc: TemplateDoc) -> list[str]:
    parts = [doc.presentation, *doc.themes, *(el for _, el in doc.masters),
             *(lay.element for lay in doc.layouts)]
    values = dict.fromkeys(str(v) for part in parts for v in xpath(part, _COLOUR_VALUES))
    found = [(v, hex_problem(v)) for v in values]
    return [f"'{v}' ({problem})" for v, problem in found if problem]


def _listed(package: Package, name: str, path: str) -> list[str]:
    """Return the parts an id list of part ``name`` points at, in the list's order."""
    return [package.target(name, el.get(R_ID, "")) for el in xpath(package.part(name), path)]


def _layout(element: etree._Element, master_el: etree._Element, theme: etree._Element,
            defaults: etree._Element | None) -> LayoutDoc:
    base_map = first(master_el, "p:clrMap")
    colour_map = dict(base_map.attrib) if base_map is not None else {}
    override = first(element, "p:clrMapOvr/a:overrideClrMapping")
    if override is not None:
        colour_map.update(override.attrib)
    infos = tuple((sp, _info(sp, master_el)) for sp in placeholder_shapes(element))
    return LayoutDoc(_name(element), element, master_el, _name(master_el),
                     palette(theme, colour_map), infos, defaults)


def _name(part: etree._Element) -> str:
    c_sld = first(part, "p:cSld")
    return c_sld.get("name", "") if c_sld is not None else ""


def _info(sp: etree._Element, master_el: etree._Element) -> PlaceholderInfo:
    """Return one layout placeholder's facts; a ``p:sp`` without a position takes its master's."""
    bases = (sp, *master_positions(sp, master_el))
    box = []
    for side in ("x", "y", "cx", "cy"):
        value = next((v for b in bases if (v := own_position(b, side)) is not None), None)
        box.append(value or 0)
    c_nv_pr = first(sp, "*[1]/p:cNvPr")
    name = c_nv_pr.get("name", "") if c_nv_pr is not None else ""
    return PlaceholderInfo(name, ph_type(sp), ph_idx(sp), *box)


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
