"""TeX math to MathML: the only latex2mathml importer, loaded on the first equation only.

Content keeps the TeX (``Span.math``); every writer asks here for the MathML and draws it
in its own format. ``problem`` says why a formula is refused, so the Markdown reader can
warn at its line and keep the TeX as code text instead.
"""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from functools import lru_cache

from packgen.safety import MAX_MATH_CHARS

MATHML = "http://www.w3.org/1998/Math/MathML"
_COMMAND = re.compile(r"\\([A-Za-z]+)")
_ESCAPED = re.compile(r"\\[{}\\]")


def problem(tex: str) -> str | None:
    """Return why ``tex`` cannot be drawn as an equation, or None when it can.

    Unbalanced braces, an unknown command and anything latex2mathml refuses are problems;
    latex2mathml itself would quietly draw them as letters.
    """
    if len(tex) > MAX_MATH_CHARS:
        return f"math longer than {MAX_MATH_CHARS} characters"
    depth = 0
    for char in _ESCAPED.sub("", tex):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return "a '}' closes no '{'"
    if depth:
        return "a '{' is never closed"
    try:
        tree = _tree(tex, "inline")
    except Exception as exc:  # latex2mathml raises many kinds; any of them means bad TeX
        return f"TeX it cannot read ({type(exc).__name__})"
    unknown = sorted({leaf for leaf in _leaves(tree) if _COMMAND.fullmatch(leaf)})
    return f"unknown TeX command {unknown[0]}" if unknown else None


def mathml(tex: str, display: bool = False) -> str:
    """Return the ``<math>`` element for ``tex`` as MathML text, the TeX as its ``alttext``
    (every character escaped: safe to place in HTML as it is)."""
    root = copy.deepcopy(tree(tex, display))
    root.set("alttext", tex)
    return ET.tostring(root, encoding="unicode")


def tree(tex: str, display: bool = False) -> ET.Element:
    """Return the MathML of ``tex`` as an element tree, namespace prefixes stripped.

    The tree is shared between callers: read it, never change it.
    """
    return _tree(tex, "block" if display else "inline")


@lru_cache(maxsize=512)
def _tree(tex: str, display: str) -> ET.Element:
    from latex2mathml.converter import convert  # lazy: only decks with math load it

    root = ET.fromstring(convert(tex, display=display))
    for node in root.iter():
        node.tag = node.tag.rpartition("}")[2]
    root.set("xmlns", MATHML)
    return root


def _leaves(root: ET.Element) -> list[str]:
    return [node.text.strip() for node in root.iter() if node.text and not len(node)]
