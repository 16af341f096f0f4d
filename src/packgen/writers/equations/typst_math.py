"""MathML to Typst math source, which the print templates evaluate in ``math.equation``.

Every ASCII mark is escaped (``\\(``, ``\\/``) and every script uses ``attach``, so no TeX
can become Typst code or change how the rest of the formula groups.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from packgen import texmath
from packgen.texmath.nodes import TOKENS, accent, kids, leaf


_EMPTY = '""'


def typst_math(tex: str) -> str:
    """Return checked ``tex`` as Typst math source (for ``eval(..., mode: "math")``)."""
    return _row(texmath.tree(tex))


def _row(node: ET.Element) -> str:
    return " ".join(part for part in (_text(child) for child in kids(node)) if part)


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
    if node.tag == "mtext" or (node.tag == "mi" and len(text) > 1) or \
            (node.tag == "mo" and text.isalpha() and len(text) > 1):
        return _quoted(leaf(node))
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
    rows = ("; ".join(", ".join(_row(cell) or _EMPTY for cell in kids(row))
                      for row in kids(node)))
    return f"mat(delim: #none, {rows})"


_CONVERT: dict[str, Callable[[ET.Element], str]] = {
    **{tag: _token for tag in TOKENS},
    "mspace": lambda node: "thin",
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
