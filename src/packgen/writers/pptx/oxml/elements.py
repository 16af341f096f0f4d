"""XML-level work python-pptx has no API for: the shape tree, alt text, footers, properties."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import IO, Any

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.oxml import parse_xml
from pptx.oxml.ns import namespaces, qn
from pptx.parts.image import Image as PptxImage

from packgen.writers.opc_oxml import add_svg_blip

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
FOOTER_TYPES = ("dt", "ftr", "sldNum")
SVG_TYPE = "image/svg+xml"


# --- pictures and shapes ------------------------------------------------------------------


def shape_tree(slide: Any) -> Any:
    """Return the slide's shape tree (``p:spTree``), the parent of its shape elements."""
    return slide.shapes._spTree


def shape_for(slide: Any, element: Any) -> Any:
    """Return the python-pptx shape (a placeholder's own class too) for an element of ``slide``."""
    return slide.shapes._shape_factory(element)


def shape_elements(tree: Any) -> list[Any]:
    """Return the shape elements of a shape tree in document (z and reading) order."""
    return list(tree.iter_shape_elms())


def move_to_end(tree: Any, elements: Iterable[Any]) -> None:
    """Move shape ``elements`` to the end of ``tree`` in the order given (read in that order)."""
    for element in elements:
        tree.append(element)


def remove_element(element: Any) -> None:
    """Delete a shape element from its shape tree."""
    element.getparent().remove(element)


def remove_shape(shape: Any) -> None:
    """Delete ``shape`` from its slide (python-pptx has no API for it)."""
    remove_element(shape._element)


def picture_pixels(path: str | IO[bytes]) -> tuple[int, int]:
    """Return a picture file's width and height in pixels, read as ``add_picture`` reads them.

    Raises OSError, ValueError or SyntaxError for a file that is no picture python-pptx knows.
    """
    return PptxImage.from_file(path).size


def c_nv_pr(shape: Any) -> Any:
    """Return the ``cNvPr`` element (name, id, descr) of any shape."""
    return shape._element.xpath("./*[1]/p:cNvPr")[0]


def set_alt_text(shape: Any, text: str) -> None:
    """Set the description screen readers announce for ``shape``."""
    c_nv_pr(shape).set("descr", text)


def mark_decorative(shape: Any) -> None:
    """Drop the description and flag ``shape`` decorative (Office 2019+ extension)."""
    cnv = c_nv_pr(shape)
    cnv.attrib.pop("descr", None)
    ext_lst = cnv.find(qn("a:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(cnv, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri=DECORATIVE_URI)
    etree.SubElement(ext, f"{{{DECORATIVE_NS}}}decorative", nsmap={"adec": DECORATIVE_NS},
                     val="1")


def placeholder_elements(tree: Any) -> list[Any]:
    """Return the placeholders of a shape tree as ``slide.placeholders`` lists them (XML)."""
    return [el for el in tree if el.tag in _SHAPE_TAGS and _PH(el)]


def is_placeholder(element: Any) -> bool:
    """Return True when a shape element is a placeholder (``shape.is_placeholder``)."""
    return bool(_PH(element))


def title_element(tree: Any) -> Any | None:
    """Return the shape tree's title placeholder: the first of a title type, else idx 0.

    A template converted from another program may give every placeholder idx 0 (its body
    too), so the type decides first; ``shapes.title`` looks at idx 0 only.
    """
    holders = placeholder_elements(tree)
    return next((el for el in holders if ph_type(el) in _TITLE_TYPES),
                next((el for el in holders if ph_idx(el) == 0), None))


def pin_shared_boxes(slide: Any, layout: Any) -> None:
    """Write each new slide placeholder's box from its layout placeholder, when two of the
    layout's placeholders share an idx.

    A slide placeholder without its own ``a:xfrm`` takes the box of the layout placeholder
    with its idx; when several share it (converted templates give all of them idx 0) that is
    the first, the title, and the body would sit on it. The slide's placeholders are the
    layout's cloneable ones, cloned in order, so each is paired with its own source.
    """
    sources = list(layout.iter_cloneable_placeholders())
    indexes = [ph.placeholder_format.idx for ph in sources]
    if len(set(indexes)) == len(indexes):
        return
    for element, source in zip(placeholder_elements(shape_tree(slide)), sources):
        if not sets_own_xfrm(element):
            shape = shape_for(slide, element)
            shape.left, shape.top = source.left, source.top
            shape.width, shape.height = source.width, source.height


def shape_id(element: Any) -> int:
    """Return a shape element's id (its ``cNvPr``)."""
    return int(element[0].find(_C_NV_PR).get("id"))


def own_box(element: Any) -> tuple[int, int, int, int] | None:
    """Return a shape's own x, y, width and height (EMU), or None unless it sets all four."""
    xfrm = element.find(_XFRM_AT.get(element.tag, _SP_XFRM))
    off = xfrm.find(_OFF) if xfrm is not None else None
    ext = xfrm.find(_EXT) if xfrm is not None else None
    values = (off.get("x"), off.get("y"), ext.get("cx"), ext.get("cy")) if (
        off is not None and ext is not None) else ()
    if len(values) != 4 or not all(v is not None and v.isdigit() for v in values):
        return None
    return int(values[0]), int(values[1]), int(values[2]), int(values[3])


def sets_own_xfrm(element: Any) -> bool:
    """Return True when a placeholder element has its own ``a:xfrm`` (else its layout's applies)."""
    return element.spPr.find(qn("a:xfrm")) is not None


def ph_type(element: Any) -> str:
    """Return a placeholder element's type (``obj`` when the XML leaves it out)."""
    return str(_PH(element)[0].get("type", "obj"))


def ph_idx(element: Any) -> int:
    """Return a placeholder element's ``idx`` (0 when the XML leaves it out)."""
    return int(_PH(element)[0].get("idx", "0"))


def is_text_shape(element: Any) -> bool:
    """Return True for shapes python-pptx gives a text frame (``p:sp``)."""
    return bool(element.tag == _SP)


def shape_text(element: Any) -> str:
    """Return a ``p:sp``'s text as ``shape.text_frame.text`` reads it (``\v`` for breaks)."""
    body = element.find(_TX_BODY)
    if body is None:
        return ""
    return "\n".join("".join(_piece(child) for child in p) for p in body.iterchildren(_P))


def move_off_slide(shape: Any) -> None:
    """Place ``shape`` just above the slide: kept for screen readers, never shown."""
    height = shape.height or 914400
    shape.top = -int(height) - 91440


def hide_master_shapes(slide: Any) -> None:
    """Hide the master's decorations (not its placeholders) on one slide."""
    slide._element.set("showMasterSp", "0")


_P, _R, _T = (qn(f"a:{t}") for t in ("p", "r", "t"))
_SP, _TX_BODY, _BR, _FLD = (qn(t) for t in ("p:sp", "p:txBody", "a:br", "a:fld"))
_SHAPE_TAGS = frozenset(qn(f"p:{t}") for t in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic",
                                                "contentPart"))
_PH = etree.XPath("./*[1]/p:nvPr/p:ph", namespaces=namespaces("p"))
_TITLE_TYPES = ("title", "ctrTitle")
_C_NV_PR, _OFF, _EXT = qn("p:cNvPr"), qn("a:off"), qn("a:ext")
_SP_XFRM = f"{qn('p:spPr')}/{qn('a:xfrm')}"
_XFRM_AT = {qn("p:graphicFrame"): qn("p:xfrm"), qn("p:grpSp"): f"{qn('p:grpSpPr')}/{qn('a:xfrm')}"}


def _piece(child: Any) -> str:
    if child.tag in (_R, _FLD):
        t = child.find(_T)
        return (t.text or "") if t is not None else ""
    return "\v" if child.tag == _BR else ""


# --- footers ------------------------------------------------------------------------------


def copy_footers(slide: Any, texts: Mapping[str, str], lang: str,
                 cache: dict[str, list[Any]] | None = None) -> None:
    """Copy the layout's date, footer and slide-number placeholders onto ``slide``.

    ``texts`` gives the text for ``dt`` and ``ftr``; a layout placeholder that already holds
    text keeps it. The slide number is a live field. ``cache`` keeps each layout's footer
    shapes, built once, between calls.
    """
    tree = slide.shapes._spTree
    next_id = max((int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))), default=1) + 1
    key = str(slide.slide_layout.part.partname)
    cache = {} if cache is None else cache
    if key not in cache:
        cache[key] = [_footer_sp(sp, sp._element.ph.get("type"), 0, texts, lang)
                      for sp in slide.slide_layout.placeholders
                      if sp._element.ph.get("type") in FOOTER_TYPES]
    for template in cache[key]:
        shape = copy.deepcopy(template)
        shape.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}").set("id", str(next_id))
        tree.append(shape)
        next_id += 1


def _footer_sp(layout_sp: Any, ph_type: str, shape_id: int, texts: Mapping[str, str],
               lang: str) -> Any:
    source = layout_sp._element
    nv = copy.deepcopy(source.find(qn("p:nvSpPr")))
    cnv = nv.find(qn("p:cNvPr"))
    cnv.set("id", str(shape_id))
    for key in list(cnv.attrib):
        if key not in ("id", "name"):
            del cnv.attrib[key]
    own = "".join(source.xpath(".//a:t/text()")).strip()
    rpr, algn = _layout_run_style(source, lang)
    if ph_type == "sldNum":
        para = (f'<a:p>{algn}<a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" '
                f'type="slidenum">{rpr}<a:t>&#8249;#&#8250;</a:t></a:fld></a:p>')
    else:
        text = own or texts.get(ph_type, "")
        para = (f'<a:p>{algn}<a:r>{rpr}<a:t>{_escape(text)}</a:t></a:r></a:p>'
                if text else f'<a:p><a:endParaRPr lang="{lang}"/></a:p>')
    sp = parse_xml(
        f'<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        f'xmlns:a="{A_NS}"><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{para}</p:txBody></p:sp>'
    )
    sp.insert(0, nv)
    return sp


def _layout_run_style(source: Any, lang: str) -> tuple[str, str]:
    """Return the layout placeholder's level-1 run properties and alignment, spelled out.

    LibreOffice ignores inherited styles on footer placeholders, so the slide carries them.
    """
    level = source.find(f".//{qn('a:lstStyle')}/{qn('a:lvl1pPr')}")
    default = level.find(qn("a:defRPr")) if level is not None else None
    rpr = copy.deepcopy(default) if default is not None else etree.Element(qn("a:rPr"))
    rpr.tag = qn("a:rPr")
    rpr.set("lang", lang)
    algn = level.get("algn") if level is not None else None
    ppr = f'<a:pPr algn="{algn}"/>' if algn else ""
    return etree.tostring(rpr, encoding="unicode"), ppr


def set_tab_stop(paragraph: Any, position_emu: int, hanging: bool = False) -> None:
    """Give ``paragraph`` one left tab stop at ``position_emu`` (wrapped lines indent to it)."""
    ppr = paragraph._p.get_or_add_pPr()
    if hanging:
        ppr.set("marL", str(position_emu))
        ppr.set("indent", str(-position_emu))
    for old in ppr.findall(qn("a:tabLst")):
        ppr.remove(old)
    tabs = etree.Element(qn("a:tabLst"))
    etree.SubElement(tabs, qn("a:tab"), pos=str(position_emu), algn="l")
    later = [i for i, c in enumerate(ppr) if c.tag in (qn("a:defRPr"), qn("a:extLst"))]
    ppr.insert(later[0] if later else len(ppr), tabs)


def copy_list_style(source: Any | None, target: Any) -> None:
    """Give ``target``'s text the list style (sizes, spacing, tabs) of placeholder ``source``."""
    style = source._element.find(f".//{qn('a:lstStyle')}") if source is not None else None
    old = target._element.find(f".//{qn('a:lstStyle')}")
    if style is not None and old is not None:
        old.getparent().replace(old, copy.deepcopy(style))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def number_slides(slides: Iterable[Any]) -> None:
    """Write each slide's number into its slide-number field (viewers recompute it anyway)."""
    for number, slide in enumerate(slides, start=1):
        for t in slide.shapes._spTree.xpath('.//a:fld[@type="slidenum"]/a:t'):
            t.text = str(number)


# --- package-level ------------------------------------------------------------------------


def part_roots(prs: Any) -> list[Any]:
    """Return the root elements of the presentation, its masters, layouts and notes master."""
    roots = [prs.part._element]
    roots += [m.part._element for m in prs.slide_masters]
    roots += [layout.part._element for m in prs.slide_masters for layout in m.slide_layouts]
    roots += [prs.notes_master.part._element]
    return roots


def slide_roots(prs: Any) -> list[Any]:
    """Return the root elements of every slide and of the notes pages the slides have."""
    slides = list(prs.slides)
    return [s.part._element for s in slides] + [
        s.notes_slide.part._element for s in slides if s.has_notes_slide]


def set_core_properties(prs: Any, title: str, author: str, lang: str,
                        when: dt.datetime) -> None:
    """Set the document title, author, language and both timestamps (UTC, no microseconds)."""
    props = prs.core_properties
    stamp = when.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.language = lang
    props.comments = props.subject = props.keywords = props.category = ""
    props.revision = 1
    props.created = props.modified = props.last_printed = stamp


def drop_style(shape: Any) -> None:
    """Remove an autoshape's theme style reference (its shadow and text effects)."""
    for style in shape._element.findall(qn("p:style")):
        shape._element.remove(style)


def set_fill_alpha(shape: Any, opacity: float) -> None:
    """Make a shape's solid fill partly transparent (``opacity`` from 0 to 1)."""
    for colour in shape._element.spPr.xpath("./a:solidFill/a:srgbClr"):
        etree.SubElement(colour, qn("a:alpha"), val=str(int(opacity * 100000)))


def add_svg(picture: Any, svg: bytes) -> None:
    """Store ``svg`` behind ``picture`` (whose blip holds its PNG), as PowerPoint does: one
    ``/ppt/media/imageN.svg`` part per distinct SVG, shared by every slide showing it."""
    slide_part = picture.part
    package = slide_part.package
    part = next((p for p in package.iter_parts() if str(p.partname).endswith(".svg")
                 and p.blob == svg), None)
    if part is None:
        part = Part(package.next_partname("/ppt/media/image%d.svg"), SVG_TYPE, package, svg)
    rid = slide_part.relate_to(part, RT.IMAGE)
    add_svg_blip(picture._element.blipFill.find(qn("a:blip")), rid)
