"""Effective text properties of a placeholder, inherited from layout, master and presentation.

A slide placeholder takes each property from the first of: its own list style, the layout
placeholder with the same idx, the master placeholder of the same family, the master's title or
body text style, the presentation's default text style, then PowerPoint's built-in 18 pt.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from packgen.model.slide_kinds import placeholder_role
from packgen.rules.ooxml.package import NS, first, xpath

TITLE_TYPES = frozenset({"title", "ctrTitle", "vertTitle"})
FOOTER_TYPES = frozenset({"dt", "ftr", "sldNum"})
DEFAULT_SIZE = 18.0
DEFAULT_INSETS = (91440, 45720, 91440, 45720)
"""Left, top, right and bottom text insets in EMU when no ``bodyPr`` sets them."""


@dataclass(frozen=True, slots=True)
class Chain:
    """The shapes and styles a text shape inherits from, most specific first."""

    shapes: tuple[etree._Element, ...]
    labels: tuple[str, ...]
    """Where each shape lives, for messages (``layout 'Quote'``, ``slide master``)."""
    style: etree._Element | None = None
    """The master's ``titleStyle``, ``bodyStyle`` or ``otherStyle``."""
    defaults: etree._Element | None = None
    """The presentation's ``defaultTextStyle``."""


@dataclass(frozen=True, slots=True)
class TextLevel:
    """Effective properties of one outline level (1 to 9)."""

    size: float
    """Points, before any shrink-to-fit scale."""
    size_from: str
    bold: bool
    colour: etree._Element | None
    """The ``a:solidFill`` that colours the text, or None for the default (``tx1``)."""
    colour_from: str
    margin: int
    """Left margin in EMU (``marL``)."""
    line_spacing: tuple[str, float]
    """``("pct", 1.0)`` or ``("pts", 28.0)``."""
    space_before: tuple[str, float]
    space_after: tuple[str, float]


def placeholder(sp: etree._Element) -> etree._Element | None:
    """Return a shape's ``p:ph`` element, or None when it is not a placeholder."""
    return first(sp, "p:nvSpPr/p:nvPr/p:ph")


def has_ph(shape: etree._Element) -> bool:
    """Return True when any shape (``p:sp``, ``p:pic``, a group...) is a placeholder."""
    return first(shape, "*[1]/p:nvPr/p:ph") is not None


def ph_type(sp: etree._Element) -> str:
    """Return a placeholder's type (``obj`` when the XML leaves it out)."""
    ph = placeholder(sp)
    return ph.get("type", "obj") if ph is not None else ""


def ph_idx(sp: etree._Element) -> int:
    """Return a placeholder's idx (0 when the XML leaves it out)."""
    ph = placeholder(sp)
    return int(ph.get("idx", "0")) if ph is not None else -1


def role(kind: str) -> str:
    """Return what a placeholder type is for: title, body, picture, footer or other.

    The roles are the slide kinds' (``model.slide_kinds``); dates and slide numbers are footers.
    """
    found = placeholder_role(kind)
    return "footer" if found in ("date", "slide number") else found


def master_placeholder(master: etree._Element, kind: str) -> etree._Element | None:
    """Return the master placeholder a layout placeholder of type ``kind`` inherits from."""
    family = "title" if kind in TITLE_TYPES else kind if kind in FOOTER_TYPES else "body"
    for sp in shapes(master):
        if ph_type(sp) == family:
            return sp
    return None


def layout_placeholder(layout: etree._Element, sp: etree._Element) -> etree._Element | None:
    """Return the layout placeholder a slide placeholder inherits from (same idx, else type).

    Where several share the idx (converted templates give every placeholder idx 0), the one
    of the same role is chosen: a body inherits from the body, not from the title.
    """
    idx, kind = ph_idx(sp), ph_type(sp)
    candidates = [s for s in shapes(layout) if placeholder(s) is not None]
    same = [other for other in candidates if ph_idx(other) == idx]
    if len(same) > 1:
        return next((o for o in same if role(ph_type(o)) == role(kind)), same[0])
    for other in same:
        return other
    return next((s for s in candidates if role(ph_type(s)) == role(kind) == "title"), None)


def own_position(shape: etree._Element, name: str) -> int | None:
    """Return ``x``, ``y``, ``cx`` or ``cy`` (EMU) as the shape itself sets it, else None."""
    xfrm = first(shape, _XFRM.get(shape.tag, "p:spPr/a:xfrm"))
    held = first(xfrm, "a:off" if name in ("x", "y") else "a:ext")
    value = held.get(name) if held is not None else None
    return None if value is None else _coordinate(value)


def position_bases(sp: etree._Element, layout: etree._Element, master: etree._Element
                   ) -> tuple[etree._Element, ...]:
    """Return where a slide placeholder's missing position comes from, nearest first.

    As python-pptx reads it: the layout placeholder with the same idx, then (for a ``p:sp``
    one) the master placeholder of its family (``obj``, ``pic``, ``subTitle`` -> ``body``).
    """
    idx = ph_idx(sp)
    base = next((s for s in _tree_shapes(layout) if _any_ph(s, "idx") == idx), None)
    if base is None:
        return ()
    if base.tag != f"{{{NS['p']}}}sp":
        return (base,)
    family = _BASE_FAMILY.get(ph_type(base))
    in_master = next((s for s in _tree_shapes(master) if _any_ph(s, "type") == family),
                     None)
    return (base,) if in_master is None else (base, in_master)


def placeholder_shapes(part: etree._Element) -> list[etree._Element]:
    """Return a layout's or master's top-level shapes that are placeholders, in drawing order."""
    return [s for s in _tree_shapes(part) if _any_ph(s, "type") is not None]


def master_positions(sp: etree._Element, master: etree._Element) -> tuple[etree._Element, ...]:
    """Return the master placeholder a layout's ``p:sp`` placeholder takes its position from.

    As python-pptx reads it: the first master placeholder of the layout placeholder's family
    (``obj``, ``pic``, ``subTitle`` -> ``body``); other shapes keep only their own position.
    """
    if sp.tag != f"{{{NS['p']}}}sp":
        return ()
    family = _BASE_FAMILY.get(ph_type(sp))
    found = next((s for s in _tree_shapes(master) if _any_ph(s, "type") == family), None)
    return () if found is None else (found,)


def shapes(part: etree._Element) -> list[etree._Element]:
    """Return the top-level ``p:sp`` shapes of a slide, layout or master, in drawing order."""
    return xpath(part, "p:cSld/p:spTree/p:sp")


def text_style(master: etree._Element, kind: str) -> etree._Element | None:
    """Return the master text style for a placeholder type (titles, bodies, other text)."""
    name = "titleStyle" if kind in TITLE_TYPES else "bodyStyle" if kind else "otherStyle"
    return first(master, f"p:txStyles/p:{name}")


def text_level(chain: Chain, level: int) -> TextLevel:
    """Return the effective properties of outline ``level`` through ``chain``."""
    found = _levels(chain, level)
    size, size_from = _pick(found, "a:defRPr/@sz", DEFAULT_SIZE)
    bold, _ = _pick(found, "a:defRPr/@b", "0")
    fill, colour_from = _pick(found, "a:defRPr/a:solidFill", None)
    fill = fill if isinstance(fill, etree._Element) else None
    margin, _ = _pick(found, "@marL", 0)
    return TextLevel(
        size=float(str(size)) / 100 if size is not DEFAULT_SIZE else DEFAULT_SIZE,
        size_from=size_from, bold=str(bold) in ("1", "true"), colour=fill,
        colour_from=colour_from, margin=int(str(margin)),
        line_spacing=_spacing(found, "a:lnSpc", ("pct", 1.0)),
        space_before=_spacing(found, "a:spcBef", ("pts", 0.0)),
        space_after=_spacing(found, "a:spcAft", ("pts", 0.0)),
    )


def font_scale(chain: Chain) -> float:
    """Return the shrink-to-fit scale (``normAutofit fontScale``), 1.0 when none applies."""
    for body in _body_props(chain):
        fit = first(body, "a:normAutofit|a:noAutofit|a:spAutoFit")
        if fit is not None:
            return int(fit.get("fontScale", "100000")) / 100000 if fit.tag.endswith(
                "normAutofit") else 1.0
    return 1.0


def autofit(chain: Chain) -> str:
    """Return ``norm`` (shrink text), ``shape`` (grow the box) or ``none``."""
    for body in _body_props(chain):
        fit = first(body, "a:normAutofit|a:noAutofit|a:spAutoFit")
        if fit is not None:
            return {"normAutofit": "norm", "spAutoFit": "shape"}.get(
                etree.QName(fit).localname, "none")
    return "none"


def insets(chain: Chain) -> tuple[int, int, int, int]:
    """Return the left, top, right and bottom text insets in EMU."""
    bodies = _body_props(chain)
    return tuple(  # type: ignore[return-value]
        next((int(b.get(name)) for b in bodies if b.get(name) is not None), default)
        for name, default in zip(("lIns", "tIns", "rIns", "bIns"), DEFAULT_INSETS)
    )


# --- private -----------------------------------------------------------------------------


_XFRM = {f"{{{NS['p']}}}graphicFrame": "p:xfrm", f"{{{NS['p']}}}grpSp": "p:grpSpPr/a:xfrm"}
"""Where a shape keeps its position, by tag (``p:spPr/a:xfrm`` for the rest)."""
_SHAPE_TAGS = frozenset(f"{{{NS['p']}}}{tag}" for tag in (
    "sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart"))
_BASE_FAMILY = {
    "body": "body", "chart": "body", "clipArt": "body", "ctrTitle": "title", "dgm": "body",
    "dt": "dt", "ftr": "ftr", "media": "body", "obj": "body", "pic": "body",
    "sldNum": "sldNum", "subTitle": "body", "tbl": "body", "title": "title",
}
"""Layout placeholder type to the master placeholder type its position falls back to."""
_UNITS = {"mm": 36000, "cm": 360000, "in": 914400, "pt": 12700, "pc": 152400, "pi": 152400}


def _tree_shapes(part: etree._Element) -> list[etree._Element]:
    tree = first(part, "p:cSld/p:spTree")
    return [el for el in tree if el.tag in _SHAPE_TAGS] if tree is not None else []


def _any_ph(shape: etree._Element, name: str) -> int | str | None:
    """Return the ``idx`` (int) or ``type`` of any shape's ``p:ph``, None when it has none."""
    ph = first(shape, "*[1]/p:nvPr/p:ph")
    if ph is None:
        return None
    return int(ph.get("idx", "0")) if name == "idx" else str(ph.get("type", "obj"))


def _coordinate(value: str) -> int:
    if any(unit in value for unit in "imp"):
        return round(float(value[:-2]) * _UNITS[value[-2:]])
    return int(value)


def _levels(chain: Chain, level: int) -> list[tuple[str, etree._Element]]:
    tag = f"a:lvl{level}pPr"
    found = [(label, first(sp, f"p:txBody/a:lstStyle/{tag}"))
             for sp, label in zip(chain.shapes, chain.labels)]
    found.append(("slide master text styles", first(chain.style, tag)))
    found.append(("presentation defaults", first(chain.defaults, tag)))
    return [(label, el) for label, el in found if el is not None]


def _pick(found: list[tuple[str, etree._Element]], path: str, default: object
          ) -> tuple[object, str]:
    for label, el in found:
        hits = xpath(el, path)
        if hits:
            return hits[0], label
    return default, "PowerPoint's default"


def _spacing(found: list[tuple[str, etree._Element]], tag: str,
             default: tuple[str, float]) -> tuple[str, float]:
    el, _ = _pick(found, tag, None)
    if not isinstance(el, etree._Element):
        return default
    pct = first(el, "a:spcPct")
    if pct is not None:
        return "pct", int(pct.get("val", "100000")) / 100000
    pts = first(el, "a:spcPts")
    return ("pts", int(pts.get("val", "0")) / 100) if pts is not None else default


def _body_props(chain: Chain) -> list[etree._Element]:
    bodies = [first(sp, "p:txBody/a:bodyPr") for sp in chain.shapes]
    return [b for b in bodies if b is not None]
