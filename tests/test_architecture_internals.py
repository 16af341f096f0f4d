"""python-pptx and python-docx internals appear only in the writers' oxml modules."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from where import REPO

SRC = REPO / "src" / "packgen"
OXML = ("writers/pptx/oxml/", "writers/docx/oxml.py", "writers/opc_oxml.py")
"""Where the internals live (ARCHITECTURE.md, never #4)."""
INTERNAL_MODULES = ("pptx.oxml", "pptx.opc", "pptx.parts", "docx.oxml", "docx.opc", "docx.parts")
"""The XML and package layers under each library's public proxies."""
OWN_ATTRIBUTES = frozenset({"self", "cls", "etree"})
"""Receivers whose ``_name`` is no library internal: our own objects, lxml's ``etree._Element``."""


def internals(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Return (line, what) for each private attribute access or internal import in ``tree``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr) and not (
                isinstance(node.value, ast.Name) and node.value.id in OWN_ATTRIBUTES):
            yield node.lineno, f"attribute .{node.attr}"
        elif isinstance(node, ast.Import):
            yield from ((node.lineno, f"import {a.name}") for a in node.names
                        if _internal(a.name))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if _internal(node.module):
                yield node.lineno, f"from {node.module} import"
            elif node.module.split(".")[0] in ("pptx", "docx"):
                yield from ((node.lineno, f"from {node.module} import {a.name}")
                            for a in node.names if _private(a.name))


def leaks() -> list[str]:
    """Return ``file:line: what`` for each internal used outside the oxml modules."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        if not name.startswith(OXML):
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            found += [f"{name}:{line}: {what}" for line, what in sorted(internals(tree))]
    return found


def test_library_internals_stay_in_the_oxml_modules() -> None:
    found = leaks()
    assert not found, "python-pptx/python-docx internals outside writers/*/oxml*:\n" + "\n".join(
        found)


def test_the_check_sees_attributes_and_imports() -> None:
    source = ("from pptx.text.text import _Paragraph\nfrom docx.oxml.ns import qn\n"
              "import pptx.opc.constants\nshape._element\nself._cache\netree._Element\n")
    assert sorted(line for line, _ in internals(ast.parse(source))) == [1, 2, 3, 4]


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _internal(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in INTERNAL_MODULES)
