"""MathML to OMML (``m:oMath``), the equation markup Word and PowerPoint both read.

A mapping of our own for the common subset: tokens, scripts, fractions, roots, large
operators with limits, accents and matrices (Microsoft's MML2OMML.XSL may not be shipped).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from lxml import etree

from packgen import texmath
from packgen.texmath.nodes import (
    TOKENS,
    Fence,
    accent,
    fenced,
    kids,
    leaf,
    nary_base,
    space_ems,
)

M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_NS = {"m": M}


def omml(tex: str, display: bool = False) -> etree._Element:
    """Return a new ``m:oMath`` (``m:oMathPara`` around it for display) for checked ``tex``."""
    math = _el("oMath")
    _row(kids(texmath.tree(tex, display)), math)
    if not display:
        return math
    para = _el("oMathPara")
    _sub(_sub(para, "oMathParaPr"), "jc", val="center")
    para.append(math)
    return para


def _el(tag: str, **attrs: str) -> etree._Element:
    element = etree.Element(f"{{{M}}}{tag}", nsmap=_NS)
    for key, value in attrs.items():
        element.set(f"{{{M}}}{key}", value)
    return element


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    child = _el(tag, **attrs)
    parent.append(child)
    return child


def _row(nodes: list[ET.Element], into: etree._Element) -> None:
    """Append ``nodes`` to ``into``; a large operator takes the term after it as its body."""
    items = fenced(nodes)
    i = 0
    while i < len(items):
        item = items[i]
        if isinstance(item, ET.Element) and nary_base(item) and i + 1 < len(items) and \
                not _is_mo(items[i + 1]):
            _nary(item, into, [items[i + 1]])
            i += 2
            continue
        _item(item, into)
        i += 1


def _is_mo(item: ET.Element | Fence) -> bool:
    return isinstance(item, ET.Element) and item.tag == "mo"


def _item(item: ET.Element | Fence, into: etree._Element) -> None:
    if isinstance(item, Fence):
        _fence(item, into)
    elif nary_base(item):
        _nary(item, into, [])
    else:
        _CONVERT.get(item.tag, _children)(item, into)


def _fence(fence: Fence, into: etree._Element) -> None:
    """Append brackets that grow with their content (``m:d``)."""
    brackets = _sub(into, "d")
    props = _sub(brackets, "dPr")
    _sub(props, "begChr", val=fence.open)
    _sub(props, "endChr", val=fence.close)
    _row(list(fence.inner), _sub(brackets, "e"))


def _part(node: ET.Element | None, parent: etree._Element, tag: str) -> None:
    """Append an OMML argument element (``m:e``, ``m:num``...) holding ``node``."""
    arg = _sub(parent, tag)
    if node is not None:
        _row([node], arg)


def _children(node: ET.Element, into: etree._Element) -> None:
    _row(kids(node), into)


def _token(node: ET.Element, into: etree._Element) -> None:
    text = leaf(node)
    run = _sub(into, "r")
    if node.tag == "mtext" or (node.tag == "mi" and len(text) > 1) or \
            node.get("mathvariant") == "normal":
        _sub(_sub(run, "rPr"), "sty", val="p")
    t = _sub(run, "t")
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _space(node: ET.Element, into: etree._Element) -> None:
    run = _sub(into, "r")
    _sub(run, "t").text = "\u2003" * space_ems(node) or "\u2009"


def _script(tags: tuple[str, ...], omml_tag: str) -> Callable[[ET.Element, etree._Element], None]:
    def convert(node: ET.Element, into: etree._Element) -> None:
        element = _sub(into, omml_tag)
        parts = kids(node)
        for i, tag in enumerate(tags):
            _part(parts[i] if i < len(parts) else None, element, tag)
    return convert


def _frac(node: ET.Element, into: etree._Element) -> None:
    frac = _sub(into, "f")
    if node.get("linethickness") in ("0", "0pt", "0em"):
        _sub(_sub(frac, "fPr"), "type", val="noBar")
    parts = kids(node) + [None, None]
    _part(parts[0], frac, "num")
    _part(parts[1], frac, "den")


def _sqrt(node: ET.Element, into: etree._Element) -> None:
    rad = _sub(into, "rad")
    _sub(_sub(rad, "radPr"), "degHide", val="1")
    _sub(rad, "deg")
    _row(kids(node), _sub(rad, "e"))


def _root(node: ET.Element, into: etree._Element) -> None:
    rad = _sub(into, "rad")
    parts = kids(node) + [None, None]
    _part(parts[1], rad, "deg")
    _part(parts[0], rad, "e")


def _over(node: ET.Element, into: etree._Element) -> None:
    parts = kids(node) + [None, None]
    mark = accent(node)
    if mark:
        acc = _sub(into, "acc")
        _sub(_sub(acc, "accPr"), "chr", val=mark)
        _part(parts[0], acc, "e")
        return
    upper = _sub(into, "limUpp")
    _part(parts[0], upper, "e")
    _part(parts[1], upper, "lim")


def _under(node: ET.Element, into: etree._Element) -> None:
    lower = _sub(into, "limLow")
    parts = kids(node) + [None, None]
    _part(parts[0], lower, "e")
    _part(parts[1], lower, "lim")


def _underover(node: ET.Element, into: etree._Element) -> None:
    parts = kids(node) + [None, None, None]
    upper = _sub(into, "limUpp")
    lower = _sub(_sub(upper, "e"), "limLow")
    _part(parts[0], lower, "e")
    _part(parts[1], lower, "lim")
    _part(parts[2], upper, "lim")


def _nary(node: ET.Element, into: etree._Element, body: list[ET.Element | Fence]) -> None:
    """Append a large operator (``m:nary``) with its limits and the term it applies to."""
    nary = _sub(into, "nary")
    props = _sub(nary, "naryPr")
    _sub(props, "chr", val=nary_base(node) or "")
    _sub(props, "limLoc", val="undOvr" if node.tag.startswith("mu") else "subSup")
    parts = kids(node)[1:]
    lower, upper = _limits(node.tag, parts)
    if lower is None:
        _sub(props, "subHide", val="1")
    if upper is None:
        _sub(props, "supHide", val="1")
    _part(lower, nary, "sub")
    _part(upper, nary, "sup")
    element = _sub(nary, "e")
    for item in body:
        _item(item, element)


def _limits(tag: str, parts: list[ET.Element]) -> tuple[ET.Element | None, ET.Element | None]:
    first = parts[0] if parts else None
    second = parts[1] if len(parts) > 1 else None
    if tag in ("msup", "mover"):
        return None, first
    if tag in ("msub", "munder"):
        return first, None
    return first, second


def _table(node: ET.Element, into: etree._Element) -> None:
    matrix = _sub(into, "m")
    for row in kids(node):
        mr = _sub(matrix, "mr")
        for cell in kids(row):
            _row(kids(cell), _sub(mr, "e"))


_CONVERT: dict[str, Callable[[ET.Element, etree._Element], None]] = {
    **{tag: _token for tag in TOKENS},
    "mspace": _space,
    "msup": _script(("e", "sup"), "sSup"),
    "msub": _script(("e", "sub"), "sSub"),
    "msubsup": _script(("e", "sub", "sup"), "sSubSup"),
    "mfrac": _frac,
    "msqrt": _sqrt,
    "mroot": _root,
    "mover": _over,
    "munder": _under,
    "munderover": _underover,
    "mtable": _table,
}
