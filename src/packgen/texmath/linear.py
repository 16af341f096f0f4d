"""MathML to plain Unicode text in a linear form (``x^2``, ``(a)/(b)``, ``√(x)``).

For places that hold text only: slide titles, notes pages, the deck's fallback that
LibreOffice shows.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from packgen import texmath
from packgen.texmath.nodes import (
    TOKENS,
    Fence,
    accent,
    fenced,
    is_binomial,
    kids,
    leaf,
    nary_base,
    only,
    space_ems,
)

_UP = dict(zip("0123456789+-−=()abcdefghijklmnoprstuvwxyz",
               "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ"))
_DOWN = dict(zip("0123456789+-−=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
_MARKS = {"^": _UP, "_": _DOWN}
_ROOTS = {"3": "∛", "4": "∜"}


def linear(tex: str) -> str:
    """Return checked ``tex`` as one line of Unicode text, close to how it is read."""
    return " ".join(_row(texmath.tree(tex)).split())


def _row(node: ET.Element) -> str:
    return "".join(_fence(item) if isinstance(item, Fence) else _text(item)
                   for item in fenced(kids(node)))


def _fence(fence: Fence) -> str:
    table = only(fence, "mtable")
    if is_binomial(fence):
        frac = fence.inner[0]
        return f"C({_text(frac[0])}, {_text(frac[1])})"
    inner = _cells(table) if table is not None else "".join(
        _fence(i) if isinstance(i, Fence) else _text(i) for i in fenced(list(fence.inner)))
    return f"{fence.open}{inner}{fence.close}"


def _cells(table: ET.Element) -> str:
    return "; ".join(", ".join(_row(cell).strip() for cell in kids(row)) for row in kids(table))


def _text(node: ET.Element) -> str:
    return _CONVERT.get(node.tag, _row)(node)


def _token(node: ET.Element) -> str:
    text = leaf(node)
    if node.tag == "mo" and text.strip() in "=+<>≤≥≠≈→−×÷±":
        return f" {text.strip()} "
    return f"{text} " if node.tag in ("mi", "mo") and len(text) > 1 else text


def _group(node: ET.Element | None) -> str:
    """Return a script or argument, in brackets unless it is a single character."""
    text = _text(node).strip() if node is not None else ""
    return text if len(text) <= 1 else f"({text})"


def _part(node: ET.Element, i: int) -> ET.Element | None:
    parts = kids(node)
    return parts[i] if i < len(parts) else None


def _script(*marks: str) -> Callable[[ET.Element], str]:
    """Return a converter writing scripts as Unicode sub- and superscripts where every
    character has one (``xᵢ``, ``x²``), else as ``_(...)`` and ``^(...)``."""
    def convert(node: ET.Element) -> str:
        base = _text(_part(node, 0)).strip() if _part(node, 0) is not None else ""
        scripts = "".join(_scripted(mark, _part(node, i + 1)) for i, mark in enumerate(marks))
        spaced = nary_base(node) or (len(base) > 1 and base.isalpha())
        return f" {base}{scripts} " if spaced else base + scripts
    return convert


def _scripted(mark: str, node: ET.Element | None) -> str:
    text = "".join(_text(node).split()) if node is not None else ""
    small = _MARKS[mark]
    if text and all(c in small for c in text):
        return "".join(small[c] for c in text)
    return f"{mark}{_group(node)}"


def _frac(node: ET.Element) -> str:
    return f"{_group(_part(node, 0))}/{_group(_part(node, 1))}"


def _sqrt(node: ET.Element) -> str:
    return f"√{_group(_wrap(node))}"


def _root(node: ET.Element) -> str:
    index = _text(_part(node, 1)).strip() if _part(node, 1) is not None else ""
    mark = _ROOTS.get(index) or _scripted("^", _part(node, 1)) + "√"
    return f"{mark}{_group(_part(node, 0))}"


def _wrap(node: ET.Element) -> ET.Element:
    row = ET.Element("mrow")
    row.extend(kids(node))
    return row


def _over(node: ET.Element) -> str:
    base = _text(_part(node, 0)) if _part(node, 0) is not None else ""
    mark = accent(node)
    return base + mark if mark else _script("^")(node)


def _table(node: ET.Element) -> str:
    return f"[{_cells(node)}]"


_CONVERT: dict[str, Callable[[ET.Element], str]] = {
    **{tag: _token for tag in TOKENS},
    "mspace": lambda node: "  " if space_ems(node) > 1 else " ",
    "msup": _script("^"),
    "msub": _script("_"),
    "msubsup": _script("_", "^"),
    "munder": _script("_"),
    "munderover": _script("_", "^"),
    "mover": _over,
    "mfrac": _frac,
    "msqrt": _sqrt,
    "mroot": _root,
    "mtable": _table,
}
