"""Reading the MathML tree: children, token text, large operators and accents.

Shared by every converter from MathML (plain text here, OMML and Typst in ``writers``); each
is a dispatch table from an element name to a small function, and an element outside the
common subset is read as a row of its children, so nothing is ever dropped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

NARY = frozenset("∑∏∐∫∬∭∮∯∰⋀⋁⋂⋃⨀⨁⨂⨄⨆")
"""Operators drawn large with limits (``\\sum``, ``\\int``, ...)."""
ACCENTS = {"^": "\u0302", "~": "\u0303", "\u02dc": "\u0303", "\u2015": "\u0305",
           "\u00af": "\u0305", "\u2192": "\u20d7", "\u02d9": "\u0307", "\u00a8": "\u0308",
           "\u02c7": "\u030c", "\u02d8": "\u0306", "\u00b4": "\u0301", "`": "\u0300"}
"""Accent marks as latex2mathml writes them to the combining characters OMML and Typst use."""
TOKENS = frozenset({"mi", "mn", "mo", "mtext", "ms"})


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
