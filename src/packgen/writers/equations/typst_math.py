"""MathML to Typst math source, which the print templates evaluate in ``math.equation``.

Every ASCII mark is escaped (``\\(``, ``\\/``) and every script uses ``attach``, so no TeX
can become Typst code or change how the rest of the formula groups.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from packgen import texmath
from packgen.texmath.nodes import TOKENS, Fence, accent, fenced, is_binomial, kids, leaf, only, space_ems


_EMPTY = '""'


def typst_math(tex: str) -> str:
    """Return checked ``tex`` as Typst math source (for ``eval(..., mode: "math")``)."""
    return _row(texmath.tree(tex))


def _row(node: ET.Element) -> str:
    return _items(kids(node))


def _items(nodes: list[ET.Element]) -> str:
    parts = (_fence(item) if isinstance(item, Fence) else _text(item) for item in fenced(nodes))
    return " ".join(part for part in parts if part)


def _fence(fence: Fence) -> str:
    """Return growing brackets: ``binom``, ``cases``, a matrix's own, else ``lr``."""
    table = only(fence, "mtable")
    if is_binomial(fence):
        frac = fence.inner[0]
        return f"binom({_text(_part(frac, 0))}, {_text(_part(frac, 1))})"
    if table is not None and fence.open == "{" and not fence.close:
        return f"cases({_rows(table, ', ', ' & ')})"
    if table is not None:
        delim = f"({_quoted(fence.open)}, {_quoted(fence.close) if fence.close else 'none'})"
        return f"mat(delim: #{delim}, {_rows(table, '; ', ', ')})"
    close = _char(fence.close) if fence.close else ""
    return f"lr({_char(fence.open)} {_items(list(fence.inner)) or _EMPTY} {close})"


def _rows(table: ET.Element, between_rows: str, between_cells: str) -> str:
    return between_rows.join(between_cells.join(_row(cell) or _EMPTY for cell in kids(row))
                             for row in kids(table))


def _text(node: ET.Element | None) -> str:
    if node is None:
        return _EMPTY
    return _CONVERT.get(node.tag, _row)(node) or _EMPTY


def _part(node: ET.Element, i: int) -> ET.Element | None:
    parts = kids(node)
    return parts[i] if i < len(parts) else None


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _char(char: str) -> str:
    if char.isascii() and not char.isalnum():
        return "" if char.isspace() else "\\" + char
    return char


def _token(node: ET.Element) -> str:
    text = leaf(node).strip()
    if node.tag == "mtext":
        return _quoted(leaf(node))
    if node.tag == "mo" and text.isalpha() and len(text) > 1:
        return f"op({_quoted(text)}, limits: #true)"  # lim, max: limits below in display
    if node.tag in ("mi", "mo") and len(text) > 1:
        return f"op({_quoted(text)})"
    if node.tag == "mi" and node.get("mathvariant") == "normal":
        return f"upright({_quoted(text)})"
    return "".join(_char(c) for c in text)


def _attach(*keys: str, limits: bool = False) -> Callable[[ET.Element], str]:
    def convert(node: ET.Element) -> str:
        base = _text(_part(node, 0))
        if limits:
            base = f"limits({base})"
        args = "".join(f", {key}: {_text(_part(node, i + 1))}" for i, key in enumerate(keys))
        return f"attach({base}{args})"
    return convert


def _frac(node: ET.Element) -> str:
    return f"frac({_text(_part(node, 0))}, {_text(_part(node, 1))})"


def _sqrt(node: ET.Element) -> str:
    return f"sqrt({_row(node) or _EMPTY})"


def _root(node: ET.Element) -> str:
    return f"root({_text(_part(node, 1))}, {_text(_part(node, 0))})"


def _over(node: ET.Element) -> str:
    mark = accent(node)
    if mark:
        return f"accent({_text(_part(node, 0))}, {_quoted(mark)})"
    return _attach("t", limits=True)(node)


def _table(node: ET.Element) -> str:
    return f"mat(delim: #none, {_rows(node, '; ', ', ')})"


_CONVERT: dict[str, Callable[[ET.Element], str]] = {
    **{tag: _token for tag in TOKENS},
    "mspace": lambda node: {1: "quad", 2: "wide"}.get(space_ems(node), "thin"),
    "msup": _attach("t"),
    "msub": _attach("b"),
    "msubsup": _attach("b", "t"),
    "munder": _attach("b", limits=True),
    "munderover": _attach("b", "t", limits=True),
    "mover": _over,
    "mfrac": _frac,
    "msqrt": _sqrt,
    "mroot": _root,
    "mtable": _table,
}
