"""How tall a text frame's paragraphs are: the one measure the deck writer and PG501 share.

Line breaks come from the shipped font's metrics (``fontmetrics``); each paragraph takes its
outline level's margin, line spacing and space before and after. The first paragraph's space
before is not counted (PowerPoint starts the text at the top inset).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from packgen.rules.fontmetrics import line_factor, lines_needed
from packgen.rules.ooxml.textstyle import TextLevel

EMU_PER_PT = 12700


class Para(NamedTuple):
    """What the measure reads of one paragraph."""

    level: int
    """Outline level, 0-based as ``a:pPr/@lvl`` writes it."""
    text: str
    bold: bool
    """Whether any run is bold."""
    sizes: tuple[float, ...]
    """The point sizes runs set themselves (empty: the level's size)."""
    margin: int | None = None
    """The paragraph's own left margin in EMU (``a:pPr/@marL``); None: the level's."""


def line_heights(paragraphs: Sequence[Para], level: Callable[[int], TextLevel], scale: float,
                 width_emu: int) -> list[float]:
    """Return the height in points of every line ``paragraphs`` take in a column ``width_emu``
    wide; ``level(n)`` gives outline level ``n``'s (1-based) inherited properties."""
    heights: list[float] = []
    for n, para in enumerate(paragraphs):
        props = level(para.level + 1)
        size = para_size(para, props.size) * scale
        left = props.margin if para.margin is None else para.margin
        count = lines_needed(para.text, (width_emu - left) / EMU_PER_PT, size,
                             para.bold or props.bold)
        lines = [line_height(size, props.line_spacing)] * count
        lines[0] += space(props.space_before, size) if n else 0.0
        lines[-1] += space(props.space_after, size)
        heights += lines
    return heights


def para_size(para: Para, inherited: float) -> float:
    """Return the size a paragraph's text is measured at: its largest run, else the level's."""
    return max(para.sizes) if para.sizes else inherited


def line_height(size: float, spacing: tuple[str, float]) -> float:
    """Return one line's height in points at ``size`` with ``a:lnSpc`` ``spacing``."""
    mode, value = spacing
    return value if mode == "pts" else size * line_factor() * value


def space(spacing: tuple[str, float], size: float) -> float:
    """Return a paragraph's space before or after in points."""
    mode, value = spacing
    return value if mode == "pts" else size * value
