"""Built-deck geometry rules (PG502, PG503): text boxes that overlap or fall off a slide.

Read as ``overflow`` reads the deck (lxml alone): each top-level shape with text (a title,
body, footer or text box) or a table is measured by its box, its own else its layout's as
python-pptx and PowerPoint inherit it (by placeholder idx). One line per slide and rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations
from pathlib import Path

from lxml import etree

from packgen.errors import Diagnostic, warning
from packgen.model import Loc
from packgen.rules.base import described
from packgen.rules.ooxml.package import NS, Package, first, shapes_of, xpath
from packgen.rules.ooxml.textstyle import has_ph
from packgen.rules.overflow import Deck, DeckSlide, read_deck

OVERLAP, OFF_SLIDE = "PG502", "PG503"
TOLERANCE = 90000
"""EMU (0.25 cm): overlaps and overhangs smaller than this each way are not reported."""
_SP, _FRAME = f"{{{NS['p']}}}sp", f"{{{NS['p']}}}graphicFrame"
Box = tuple[int, int, int, int]


def check_deck_geometry(pptx_path: Path, rel_path_for_diags: str,
                        sources: Mapping[int, Loc] | None = None) -> list[Diagnostic]:
    """Return PG502 for each slide whose text boxes overlap, PG503 for each whose text
    reaches off the slide; ``sources`` (slide number to content place) as for PG501."""
    with Package(pptx_path) as package:
        deck = read_deck(package)
        size = first(package.part(package.main()), "p:sldSz")
        width = int(size.get("cx", "0")) if size is not None else 0
        return _findings(deck, width, rel_path_for_diags, sources or {})


def text_boxes(slide: DeckSlide, deck: Deck) -> list[tuple[str, Box]]:
    """Return the name and box of each top-level shape on ``slide`` that shows text or a
    table, in drawing order."""
    tree = first(slide.element, "p:cSld/p:spTree")
    found = []
    for el in shapes_of(tree) if tree is not None else ():
        if not _shows_text(el):
            continue
        inherit = el.tag == _SP and has_ph(el)
        box = tuple(deck.position(el, slide, side, inherit) or 0
                    for side in ("x", "y", "cx", "cy"))
        label = first(el, "*[1]/p:cNvPr")
        found.append((label.get("name", "") if label is not None else "", box))
    return found


def _findings(deck: Deck, width: int, rel_path: str, sources: Mapping[int, Loc]
              ) -> list[Diagnostic]:
    name = rel_path.rsplit("/", 1)[-1]
    found = []
    for number, slide in enumerate(deck.slides, start=1):
        loc = sources.get(number)
        path, line = (loc.path, loc.line) if loc else (rel_path, None)
        shown = [(label, box) for label, box in text_boxes(slide, deck)
                 if _on_slide(box, width, deck.height)]
        pairs = [(a, b) for a, b in combinations(shown, 2) if _overlap(a[1], b[1])]
        if pairs:
            (one, _), (other, _) = pairs[0]
            more = f" (and {len(pairs) - 1} more)" if len(pairs) > 1 else ""
            found.append(warning(f"slide {number} of {name}: '{one}' and '{other}' overlap"
                                 f"{more}: text is printed over text", path, line, OVERLAP))
        off = [label for label, box in shown if _overhang(box, width, deck.height)]
        if off:
            found.append(warning(f"slide {number} of {name}: '{off[0]}' reaches off the slide"
                                 + (f" (and {len(off) - 1} more)" if len(off) > 1 else ""),
                                 path, line, OFF_SLIDE))
    return found


def _shows_text(el: etree._Element) -> bool:
    if el.tag == _FRAME:
        return bool(xpath(el, ".//a:tbl"))
    return el.tag == _SP and any((t.text or "").strip() for t in xpath(el, "p:txBody//a:t"))


def _overlap(one: Box, other: Box) -> bool:
    wide = min(one[0] + one[2], other[0] + other[2]) - max(one[0], other[0])
    high = min(one[1] + one[3], other[1] + other[3]) - max(one[1], other[1])
    return wide > TOLERANCE and high > TOLERANCE


def _on_slide(box: Box, width: int, height: int) -> bool:
    """Return False for a shape wholly outside the slide: kept there on purpose (an untitled
    slide's title, for screen readers) and never shown."""
    x, y, w, h = box
    return x < width and y < height and x + w > 0 and y + h > 0


def _overhang(box: Box, width: int, height: int) -> bool:
    x, y, w, h = box
    if not width or not height:
        return False
    return max(-x, -y, x + w - width, y + h - height) > TOLERANCE


RULES = described("packgen.rules.deck_geometry", [OVERLAP, OFF_SLIDE])
"""The built-deck geometry rules."""
