"""Line breaks estimated from the shipped font's metrics (Atkinson Hyperlegible Next, via Pillow)."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

FONT_FILES = {False: "AtkinsonHyperlegibleNext_400Regular.ttf",
              True: "AtkinsonHyperlegibleNext_700Bold.ttf"}
METRIC_SIZE = 1000
"""Fonts are measured at this size and scaled, so any point size can be estimated."""
TAB_PT = 72.0
"""Width given to a tab: PowerPoint's default tab stops are an inch apart."""


def lines_needed(text: str, width_pt: float, size_pt: float, bold: bool = False) -> int:
    """Return how many lines ``text`` takes in a column ``width_pt`` wide at ``size_pt``."""
    total = 0
    for part in text.replace("\v", "\n").split("\n"):
        total += _wrap(part.split(), width_pt, size_pt, bold)
    return max(total, 1)


def _wrap(words: list[str], width: float, size: float, bold: bool) -> int:
    if not words:
        return 1
    space = _length(" ", bold) * size / METRIC_SIZE
    lines, current = 1, 0.0
    for word in words:
        length = text_width(word, size, bold)
        if current and current + space + length > width:
            lines, current = lines + 1, 0.0
        if length > width:
            lines += math.ceil(length / width) - 1
            current = length % width
        else:
            current += (space if current else 0.0) + length
    return lines


def text_width(word: str, size: float, bold: bool) -> float:
    """Return the width in points of one word (tabs count as a tab stop)."""
    tabs = word.count("\t")
    return _length(word.replace("\t", ""), bold) * size / METRIC_SIZE + tabs * TAB_PT


@lru_cache(maxsize=8192)
def _length(text: str, bold: bool) -> float:
    """Return the advance width of ``text`` at ``METRIC_SIZE`` (words repeat: measure once)."""
    return _font(bold).getlength(text)


@lru_cache(maxsize=2)
def _font(bold: bool) -> Any:
    from PIL import ImageFont

    from packgen.paths import packaged_template

    path = packaged_template(f"fonts/{FONT_FILES[bold]}").path
    return ImageFont.truetype(str(path), METRIC_SIZE)


@lru_cache(maxsize=1)
def line_factor() -> float:
    """Return the font's line height as a multiple of its size."""
    ascent, descent = _font(False).getmetrics()
    return (ascent + descent) / METRIC_SIZE
