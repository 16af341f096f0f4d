"""Read tagged PDFs back: structure tree, figures, artifacts, and lines on each page."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pikepdf

ACCENT = (0.0, 0.353, 0.439)
"""The theme's accent colour (#005A70), which every heading starts in."""


def figure_alts(node: object, found: list[str] | None = None) -> list[str]:
    """Return the /Alt of every /Figure in a structure tree, in reading order."""
    found = [] if found is None else found
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure":
            found.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            figure_alts(kid, found)
    return found


def structure_kinds(node: object) -> set[str]:
    """Return every structure type used in a structure tree (``/H2``, ``/Table``, ...)."""
    return structure_values(node, "/S")


def structure_langs(node: object) -> set[str]:
    """Return every language a structure tree marks its elements with (``cy-GB``)."""
    return structure_values(node, "/Lang")


def structure_values(node: object, key: str, found: set[str] | None = None) -> set[str]:
    """Return every value of ``key`` on the elements of a structure tree."""
    found = set() if found is None else found
    if isinstance(node, pikepdf.Dictionary):
        if key in node:
            found.add(str(node[key]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            structure_values(kid, key, found)
    return found


def artifact_images(pdf: pikepdf.Pdf) -> int:
    """Return how many pictures are drawn inside ``/Artifact`` marked content."""
    count = 0
    for page in pdf.pages:
        depth = 0
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC") and operands and str(operands[0]) == "/Artifact":
                depth += 1
            elif op == "EMC" and depth:
                depth -= 1
            elif op == "Do" and depth:
                xobject = page.Resources.XObject[str(operands[0])]
                count += xobject.get("/Subtype") == "/Image" or _holds_image(xobject)
    return count


def _holds_image(xobject: pikepdf.Object) -> bool:
    resources = xobject.get("/Resources", {})
    return any(x.get("/Subtype") == "/Image" for x in resources.get("/XObject", {}).values())


def body_lines(path: Path) -> list[list[dict]]:
    """Return each page's text lines, top to bottom, without running headers and footers."""
    with pdfplumber.open(path) as pdf:
        return [[line for line in page.extract_text_lines()
                 if not _running(line)] for page in pdf.pages]


def is_heading(line: dict) -> bool:
    """Return True for a line set as a heading: bold, starting in the accent colour."""
    first = line["chars"][0]
    colour = tuple(round(c, 3) for c in first.get("non_stroking_color") or ())
    return "Bold" in first["fontname"] and colour == ACCENT


def _running(line: dict) -> bool:
    return max(c["size"] for c in line["chars"]) < 9 or bool(re.fullmatch(r"Page \d+.*",
                                                                             line["text"]))
