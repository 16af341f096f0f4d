"""Overflow rule (PG501): text estimated not to fit its box in a built deck.

Line breaks are estimated from the shipped font's metrics (Atkinson Hyperlegible Next, through
Pillow) at each paragraph's effective size, inside the shape's box minus its insets and the
paragraph's left margin. It is an estimate: PowerPoint's own line breaking may differ a little.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from packgen.errors import Diagnostic, warning
from packgen.model import Loc, TailoredPack
from packgen.rules.base import described
from packgen.rules.fontmetrics import lines_needed  # noqa: F401  (re-exported for tests)
from packgen.rules.ooxml.package import NS, REL, Package, first, shapes_of, xpath
from packgen.rules.ooxml.textstyle import (
    Chain,
    TextLevel,
    autofit,
    font_scale,
    has_ph,
    insets,
    layout_placeholder,
    master_placeholder,
    own_position,
    ph_idx,
    ph_type,
    placeholder,
    position_bases,
    text_level,
    text_style,
)
from packgen.rules.textfit import Para, line_heights, para_size

EMU_PER_PT = 12700
TOLERANCE = 0.3
"""Overflow smaller than this part of a line is not reported (estimates are not exact)."""
_A, _P = f"{{{NS['a']}}}", f"{{{NS['p']}}}"
_SP, _GROUP = _P + "sp", _P + "grpSp"
_RUN, _BREAK, _FIELD, _TEXT = _A + "r", _A + "br", _A + "fld", _A + "t"
_PPR, _RPR = _A + "pPr", _A + "rPr"
_BU_NUM, _BU_CHAR = _A + "buAutoNum", _A + "buChar"


@dataclass(frozen=True, slots=True)
class Fit:
    """How a text shape's text fits: lines needed and lines the box holds, at a size."""

    needed: int
    room: int
    size: float
    over: int


@dataclass(frozen=True, slots=True)
class DeckSlide:
    """One slide's XML with the layout and master it inherits from."""

    element: etree._Element
    layout: etree._Element
    master: etree._Element


@dataclass(slots=True)
class _Deck:
    """A deck's slides and what its shapes inherit, each looked up once per layout or master."""

    slides: list[DeckSlide]
    height: int
    defaults: etree._Element | None
    _bases: dict[Any, Any] = field(default_factory=dict)
    _levels: dict[Any, TextLevel] = field(default_factory=dict)

    @classmethod
    def read(cls, package: Package) -> _Deck:
        """Return the slides of the package's presentation, in order."""
        main = package.main()
        pres = package.part(main)
        slides = []
        for r_id in xpath(pres, "p:sldIdLst/p:sldId/@r:id"):
            name = package.target(main, str(r_id))
            layout = package.related(name, REL + "slideLayout")[0]
            master = package.related(layout, REL + "slideMaster")[0]
            slides.append(DeckSlide(package.part(name), package.part(layout),
                                    package.part(master)))
        size = first(pres, "p:sldSz")
        return cls(slides, int(size.get("cy")) if size is not None else 0,
                   first(pres, "p:defaultTextStyle"))

    def chain(self, sp: etree._Element, slide: DeckSlide) -> Chain:
        """Return the shapes and styles ``sp`` inherits its text properties from."""
        if placeholder(sp) is None:
            return Chain((sp,), ("slide",), None, self.defaults)
        kind = ph_type(sp)
        key = ("chain", slide.layout, slide.master, kind, ph_idx(sp))
        if key not in self._bases:
            self._bases[key] = (layout_placeholder(slide.layout, sp),
                                master_placeholder(slide.master, kind),
                                text_style(slide.master, kind))
        in_layout, in_master, style = self._bases[key]
        shapes = tuple(s for s in (sp, in_layout, in_master) if s is not None)
        labels = ("slide", "layout", "slide master")[: len(shapes)]
        return Chain(shapes, labels, style, self.defaults)

    def level(self, chain: Chain, level: int) -> TextLevel:
        """Return ``text_level(chain, level)``, worked out once per layout placeholder."""
        own = first(chain.shapes[0], f"p:txBody/a:lstStyle/a:lvl{level}pPr")
        key = (chain.shapes[1:], chain.style, own, level)
        if key not in self._levels:
            self._levels[key] = text_level(chain, level)
        return self._levels[key]

    def position(self, sp: etree._Element, slide: DeckSlide, name: str, inherit: bool
                 ) -> int | None:
        """Return ``sp``'s ``x``, ``y``, ``cx`` or ``cy`` as python-pptx reports it."""
        own = own_position(sp, name)
        if own is not None or not inherit:
            return own
        key = ("position", slide.layout, ph_idx(sp))
        if key not in self._bases:
            self._bases[key] = position_bases(sp, slide.layout, slide.master)
        for base in self._bases[key]:
            value = own_position(base, name)
            if value is not None:
                return value
        return None


def check_deck_overflow(pptx_path: Path, rel_path_for_diags: str,
                        sources: Mapping[int, Loc] | None = None) -> list[Diagnostic]:
    """Return PG501 for each text shape of a built deck whose text will not fit its box.

    ``rel_path_for_diags`` names the deck in messages. ``sources`` (slide number to the
    content's place, see ``slide_sources``) points each finding at the Markdown that made it.
    The deck's XML is read with lxml alone: only the slides, layouts and masters are parsed.
    """
    with Package(pptx_path) as package:
        return _findings(_Deck.read(package), rel_path_for_diags, sources)


Deck = _Deck
"""A built deck's slides and what their shapes inherit (``read_deck`` reads one)."""


def read_deck(package: Package) -> _Deck:
    """Return a built deck's slides, each with its layout and master, for the deck rules."""
    return _Deck.read(package)


def slide_sources(tp: TailoredPack) -> dict[int, Loc]:
    """Return where each deck slide comes from: its Markdown slide or easy-read row, the
    module for a section slide, the pack file for the title, agenda and closing slides."""
    places: dict[int, Loc] = {}
    for p in tp.slides:
        source = p.slide or p.row or p.module
        places[p.number] = source.loc if source is not None else tp.pack.loc
    return places


def estimate(sp: etree._Element, slide: DeckSlide, deck: _Deck, top_level: bool = True
             ) -> Fit | None:
    """Return how one ``p:sp`` shape's text fits its box, or None when it has no text to place.

    ``top_level`` is False for a shape inside a group: it then keeps only its own geometry,
    as python-pptx reports it, while a placeholder on the slide inherits its layout's.
    """
    paragraphs = [_paragraph(p) for p in xpath(sp, "p:txBody/a:p")]
    if not "\n".join(p.text for p in paragraphs).strip():
        return None
    chain = deck.chain(sp, slide)
    scale = font_scale(chain)
    left, top, right, bottom = insets(chain)
    inherit = top_level and has_ph(sp)
    width = (deck.position(sp, slide, "cx", inherit) or 0) - left - right
    height = (deck.position(sp, slide, "cy", inherit) or 0) - top - bottom
    if autofit(chain) == "shape":
        height = deck.height - (deck.position(sp, slide, "y", inherit) or 0) - top - bottom
    if width <= 0 or height <= 0:
        return None
    return _fit(paragraphs, deck, chain, scale, width, height)


# --- private -----------------------------------------------------------------------------


def _findings(deck: _Deck, rel_path: str, sources: Mapping[int, Loc] | None
              ) -> list[Diagnostic]:
    name = rel_path.rsplit("/", 1)[-1]
    found = []
    for number, slide in enumerate(deck.slides, start=1):
        tree = first(slide.element, "p:cSld/p:spTree")
        for sp, top_level in _text_shapes(tree, True) if tree is not None else ():
            fit = estimate(sp, slide, deck, top_level)
            if fit is not None and fit.over > 0:
                loc = (sources or {}).get(number)
                path, line = (loc.path, loc.line) if loc else (rel_path, None)
                shape_name = first(sp, "*[1]/p:cNvPr")
                label = shape_name.get("name", "") if shape_name is not None else ""
                found.append(warning(_message(number, name, label, fit), path, line, "PG501"))
    return found


def _text_shapes(tree: etree._Element, top_level: bool
                 ) -> Iterator[tuple[etree._Element, bool]]:
    for el in shapes_of(tree):
        if el.tag == _GROUP:
            yield from _text_shapes(el, False)
        elif el.tag == _SP:
            yield el, top_level


def _paragraph(p: etree._Element) -> Para:
    ppr = p.find(_PPR)
    texts, bold, sizes = [], False, []
    for child in p:
        if child.tag == _RUN:
            texts.append(_text_of(child))
            rpr = child.find(_RPR)
            if rpr is not None:
                bold = bold or rpr.get("b") in ("1", "true")
                if rpr.get("sz") is not None:
                    sizes.append(int(rpr.get("sz")) * 127 / float(EMU_PER_PT))
        elif child.tag == _BREAK:
            texts.append("\v")
        elif child.tag == _FIELD:
            texts.append(_text_of(child))
    level = int(ppr.get("lvl", "0")) if ppr is not None else 0
    return Para(level, "".join(texts), bold, tuple(sizes), _list_margin(ppr))


def _list_margin(ppr: etree._Element | None) -> int | None:
    """Return a list item's own ``marL`` (its text starts there on every line), else None.

    Other paragraphs are measured at their level's margin: a hanging tab stop (the agenda's
    clock times) starts its first line further left than ``marL``.
    """
    if ppr is None or ppr.get("marL") is None:
        return None
    marks = (ppr.find(_BU_NUM), ppr.find(_BU_CHAR))
    return int(ppr.get("marL")) if any(m is not None for m in marks) else None


def _text_of(run: etree._Element) -> str:
    t = run.find(_TEXT)
    return (t.text or "") if t is not None else ""


def _fit(paragraphs: list[Para], deck: _Deck, chain: Chain, scale: float, width: int,
         height: int) -> Fit:
    heights = line_heights(paragraphs, lambda n: deck.level(chain, n), scale, width)
    room = lines_in(heights, height / EMU_PER_PT)
    first_size = para_size(paragraphs[0], deck.level(chain, paragraphs[0].level + 1).size)
    return Fit(len(heights), room, first_size * scale, len(heights) - room)


def lines_in(heights: list[float], room_pt: float) -> int:
    """Return how many of the lines (heights in points) fit ``room_pt``, within tolerance."""
    used = 0.0
    for n, line in enumerate(heights):
        used += line
        if used > room_pt + TOLERANCE * line:
            return n
    return len(heights)


def _message(number: int, deck: str, name: str, fit: Fit) -> str:
    lines = "line" if fit.over == 1 else "lines"
    return (f"slide {number} of {deck}: the text in '{name}' needs about {fit.needed} lines at "
            f"{fit.size:g} pt but the box holds {fit.room}: {fit.over} {lines} too many; "
            "shorten it, split the slide, or move detail into the notes")


RULES = described("packgen.rules.overflow", ["PG501"])
"""The overflow rule."""
