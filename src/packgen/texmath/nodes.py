"""Reading the MathML tree: children, token text, large operators and accents.

Shared by every converter from MathML (plain text here, OMML and Typst in ``writers``); each
is a dispatch table from an element name to a small function, and an element outside the
common subset is read as a row of its children, so nothing is ever dropped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

NARY = frozenset("∑∏∐∫∬∭∮∯∰⋀⋁⋂⋃⨀⨁⨂⨄⨆")
"""Operators drawn large with limits (``\\sum``, ``\\int``, ...)."""
ACCENTS = {"^": "\u0302", "~": "\u0303", "\u02dc": "\u0303", "\u2015": "\u0305",
           "\u00af": "\u0305", "\u2192": "\u20d7", "\u02d9": "\u0307", "\u00a8": "\u0308",
           "\u02c7": "\u030c", "\u02d8": "\u0306", "\u00b4": "\u0301", "`": "\u0300"}
"""Accent marks as latex2mathml writes them to the combining characters OMML and Typst use."""
TOKENS = frozenset({"mi", "mn", "mo", "mtext", "ms"})


def space_ems(node: ET.Element) -> int:
    """Return the whole ems of an ``mspace`` (``\\quad`` 1, ``\\qquad`` 2; thin spaces 0)."""
    width = node.get("width", "")
    try:
        return int(float(width.removesuffix("em"))) if width.endswith("em") else 0
    except ValueError:
        return 0


def kids(node: ET.Element) -> list[ET.Element]:
    """Return the element children of a MathML node."""
    return list(node)


def leaf(node: ET.Element) -> str:
    """Return the text of a token element (``mi``, ``mn``, ``mo``, ``mtext``)."""
    return node.text or ""


def nary_base(node: ET.Element) -> str | None:
    """Return the large operator a script element is built on, or None."""
    if node.tag not in ("msub", "msup", "msubsup", "munder", "mover", "munderover"):
        return None
    base = node[0] if len(node) else None
    while base is not None and base.tag == "mrow" and len(base) == 1:
        base = base[0]
    if base is not None and base.tag == "mo" and leaf(base).strip() in NARY:
        return leaf(base).strip()
    return None


def accent(node: ET.Element) -> str | None:
    """Return the combining mark of an ``mover`` accent (``\\hat``, ``\\bar``...), or None."""
    parts = kids(node)
    mark = parts[1] if len(parts) > 1 else None
    if mark is None or mark.tag != "mo" or len(leaf(mark)) != 1:
        return None
    return ACCENTS.get(leaf(mark), leaf(mark) if "true" in (node.get("accent"),
                                                              mark.get("accent")) else None)


OPENING = "([{⟨⌈⌊|‖"
CLOSING = ")]}⟩⌉⌋|‖"


@dataclass(frozen=True)
class Fence:
    """Brackets that grow with what they hold (``\\left( ... \\right)``, a matrix's, a
    binomial's); ``close`` is empty for an open-ended one (``cases``, ``\\right.``)."""

    open: str
    close: str
    inner: tuple[ET.Element, ...]


def fenced(nodes: list[ET.Element]) -> list[ET.Element | Fence]:
    """Return a row's nodes with each pair of growing brackets and what they hold as one
    ``Fence`` (the brackets are found from latex2mathml's marks: fence, minsize, or a matrix
    right inside them)."""
    out: list[ET.Element | Fence] = []
    i = 0
    while i < len(nodes):
        if not _opens(nodes, i):
            out.append(nodes[i])
            i += 1
            continue
        end = _closer(nodes, i)
        close = leaf(nodes[end]).strip() if end < len(nodes) else ""
        out.append(Fence(leaf(nodes[i]).strip(), close, tuple(nodes[i + 1:end])))
        i = end + 1
    return out


def _grows(nodes: list[ET.Element], i: int, beside: int) -> bool:
    node = nodes[i]
    if node.tag != "mo":
        return False
    near = nodes[beside] if 0 <= beside < len(nodes) else None
    return node.get("fence") == "true" or node.get("minsize") is not None or (
        near is not None and near.tag == "mtable")


def _opens(nodes: list[ET.Element], i: int) -> bool:
    form = nodes[i].get("form")
    return form != "postfix" and leaf(nodes[i]).strip() in OPENING and \
        _grows(nodes, i, i + 1) and (form == "prefix" or i + 1 < len(nodes))


def _closer(nodes: list[ET.Element], start: int) -> int:
    """Return the index of the bracket closing the one at ``start`` (past the end if none)."""
    depth = 0
    for i in range(start + 1, len(nodes)):
        if _closes(nodes, i):
            if depth == 0:
                return i
            depth -= 1
        elif _opens(nodes, i):
            depth += 1
    return len(nodes)


def _closes(nodes: list[ET.Element], i: int) -> bool:
    node = nodes[i]
    if node.tag != "mo" or node.get("form") == "prefix":
        return False
    text = leaf(node).strip()
    if not text:
        return node.get("form") == "postfix"
    return text in CLOSING and _grows(nodes, i, i - 1)


def only(fence: Fence, tag: str) -> ET.Element | None:
    """Return what ``fence`` holds when that is one ``tag`` element (a matrix...), else None."""
    inner = fence.inner
    return inner[0] if len(inner) == 1 and inner[0].tag == tag else None


def is_binomial(fence: Fence) -> bool:
    """Return True for ``\\binom``: round brackets around a fraction without a bar."""
    frac = only(fence, "mfrac")
    return fence.open == "(" and frac is not None and frac.get("linethickness") in (
        "0", "0pt", "0em")
