"""Overflow rule (PG501): text estimated not to fit its box in a built deck.

Line breaks are estimated from the shipped font's metrics (Atkinson Hyperlegible, through
Pillow) at each paragraph's effective size, inside the shape's box minus its insets and the
paragraph's left margin. It is an estimate: PowerPoint's own line breaking may differ a little.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from packgen.errors import Diagnostic, warning
from packgen.model import Loc, TailoredPack
from packgen.rules.base import WARNING, described
from packgen.rules.ooxml import first
from packgen.rules.textstyle import (
    Chain,
    autofit,
    font_scale,
    insets,
    layout_placeholder,
    master_placeholder,
    ph_type,
    placeholder,
    text_level,
    text_style,
)

EMU_PER_PT = 12700
FONT_FILES = {False: "AtkinsonHyperlegible_400Regular.ttf",
              True: "AtkinsonHyperlegible_700Bold.ttf"}
METRIC_SIZE = 1000
"""Fonts are measured at this size and scaled, so any point size can be estimated."""
TAB_PT = 72.0
"""Width given to a tab: PowerPoint's default tab stops are an inch apart."""
TOLERANCE = 0.3
"""Overflow smaller than this part of a line is not reported (estimates are not exact)."""


@dataclass(frozen=True, slots=True)
class Fit:
    """How a text shape's text fits: lines needed and lines the box holds, at a size."""

    needed: int
    room: int
    size: float
    over: int


def check_deck_overflow(pptx_path: Path, rel_path_for_diags: str,
                        sources: Mapping[int, Loc] | None = None) -> list[Diagnostic]:
    """Return PG501 for each text shape of a built deck whose text will not fit its box.

    ``rel_path_for_diags`` names the deck in messages. ``sources`` (slide number to the
    content's place, see ``slide_sources``) points each finding at the Markdown that made it.
    """
    from pptx import Presentation

    prs = Presentation(str(pptx_path))
    deck = rel_path_for_diags.rsplit("/", 1)[-1]
    found = []
    for number, slide in enumerate(prs.slides, start=1):
        for shape in _text_shapes(slide.shapes):
            fit = estimate(shape, slide, prs)
            if fit is not None and fit.over > 0:
                loc = (sources or {}).get(number)
                path, line = (loc.path, loc.line) if loc else (rel_path_for_diags, None)
                found.append(warning(_message(number, deck, shape.name, fit), path, line,
                                     "PG501"))
    return found


def slide_sources(tp: TailoredPack) -> dict[int, Loc]:
    """Return where each deck slide comes from: its Markdown slide or easy-read row, the
    module for a section slide, the pack file for the title, agenda and closing slides."""
    from packgen.slideplan import plan

    places: dict[int, Loc] = {}
    for p in plan(tp):
        source = p.slide or p.row or p.module
        places[p.number] = source.loc if source is not None else tp.pack.loc
    return places


def estimate(shape: Any, slide: Any, prs: Any) -> Fit | None:
    """Return how one shape's text fits its box, or None when it has no text to place."""
    if not shape.has_text_frame or not shape.text_frame.text.strip():
        return None
    chain = _chain(shape._element, slide)
    scale = font_scale(chain)
    left, top, right, bottom = insets(chain)
    width = (shape.width or 0) - left - right
    height = (shape.height or 0) - top - bottom
    if autofit(chain) == "shape":
        height = prs.slide_height - (shape.top or 0) - top - bottom
    if width <= 0 or height <= 0:
        return None
    return _fit(shape.text_frame.paragraphs, chain, scale, width, height)


def lines_needed(text: str, width_pt: float, size_pt: float, bold: bool = False) -> int:
    """Return how many lines ``text`` takes in a column ``width_pt`` wide at ``size_pt``."""
    total = 0
    for part in text.replace("\v", "\n").split("\n"):
        total += _wrap(part.split(), width_pt, size_pt, bold)
    return max(total, 1)


# --- private -----------------------------------------------------------------------------


def _fit(paragraphs: Any, chain: Chain, scale: float, width: int, height: int) -> Fit:
    heights: list[float] = []
    for n, para in enumerate(paragraphs):
        props = text_level(chain, para.level + 1)
        size = _size(para, props.size) * scale
        bold = any(bool(r.font.bold) for r in para.runs) or props.bold
        count = lines_needed(para.text, (width - props.margin) / EMU_PER_PT, size, bold)
        line = _line_height(size, props.line_spacing)
        para_lines = [line] * count
        para_lines[0] += _space(props.space_before, size) if n else 0.0
        para_lines[-1] += _space(props.space_after, size)
        heights += para_lines
    room = _lines_in(heights, height / EMU_PER_PT)
    first_size = _size(paragraphs[0], text_level(chain, paragraphs[0].level + 1).size) * scale
    return Fit(len(heights), room, first_size, len(heights) - room)


def _lines_in(heights: list[float], room_pt: float) -> int:
    used = 0.0
    for n, line in enumerate(heights):
        used += line
        if used > room_pt + TOLERANCE * line:
            return n
    return len(heights)


def _chain(sp: Any, slide: Any) -> Chain:
    layout = slide.slide_layout._element
    master = slide.slide_layout.slide_master._element
    defaults = first(slide.part.package.presentation_part._element, "p:defaultTextStyle")
    if placeholder(sp) is None:
        return Chain((sp,), ("slide",), None, defaults)
    kind = ph_type(sp)
    found = [sp, layout_placeholder(layout, sp), master_placeholder(master, kind)]
    shapes = tuple(s for s in found if s is not None)
    labels = ("slide", "layout", "slide master")[: len(shapes)]
    return Chain(shapes, labels, text_style(master, kind), defaults)


def _text_shapes(shapes: Any) -> Iterator[Any]:
    for shape in shapes:
        if shape.shape_type is not None and shape.shape_type == 6:  # MSO_SHAPE_TYPE.GROUP
            yield from _text_shapes(shape.shapes)
        elif getattr(shape, "has_text_frame", False):
            yield shape


def _size(para: Any, inherited: float) -> float:
    sizes = [r.font.size.pt for r in para.runs if r.font.size is not None]
    return max(sizes) if sizes else inherited


def _line_height(size: float, spacing: tuple[str, float]) -> float:
    mode, value = spacing
    return value if mode == "pts" else size * _line_factor() * value


def _space(spacing: tuple[str, float], size: float) -> float:
    mode, value = spacing
    return value if mode == "pts" else size * value


def _wrap(words: list[str], width: float, size: float, bold: bool) -> int:
    if not words:
        return 1
    font = _font(bold)
    space = font.getlength(" ") * size / METRIC_SIZE
    lines, current = 1, 0.0
    for word in words:
        length = _width(font, word, size)
        if current and current + space + length > width:
            lines, current = lines + 1, 0.0
        if length > width:
            lines += math.ceil(length / width) - 1
            current = length % width
        else:
            current += (space if current else 0.0) + length
    return lines


def _width(font: Any, word: str, size: float) -> float:
    tabs = word.count("\t")
    return font.getlength(word.replace("\t", "")) * size / METRIC_SIZE + tabs * TAB_PT


@lru_cache(maxsize=2)
def _font(bold: bool) -> Any:
    from PIL import ImageFont

    from packgen.templating import packaged_templates

    path = packaged_templates() / "fonts" / FONT_FILES[bold]
    return ImageFont.truetype(str(path), METRIC_SIZE)


@lru_cache(maxsize=1)
def _line_factor() -> float:
    ascent, descent = _font(False).getmetrics()
    return (ascent + descent) / METRIC_SIZE


def _message(number: int, deck: str, name: str, fit: Fit) -> str:
    lines = "line" if fit.over == 1 else "lines"
    return (f"slide {number} of {deck}: the text in '{name}' needs about {fit.needed} lines at "
            f"{fit.size:g} pt but the box holds {fit.room}: {fit.over} {lines} too many; "
            "shorten it, split the slide, or move detail into the notes")


RULES = described("packgen.rules.overflow", [
    ("PG501", WARNING, ("text fits its placeholder at the template's font size (estimated from "
                       "the font's metrics and the box size)")),
])
"""The overflow rule."""
