"""WCAG 2.2 relative luminance and contrast ratio, with alpha blending of colours."""

from __future__ import annotations

RGB = tuple[float, float, float]
"""Red, green and blue, each 0 to 255."""

AA_NORMAL = 4.5
"""WCAG AA minimum for normal text, and packgen's minimum for all slide text."""
AA_LARGE = 3.0
"""WCAG AA minimum for large text (18 pt or more, or 14 pt bold) and meaningful graphics."""
EASY_READ = 7.0
"""packgen's minimum for easy-read decks and handouts (WCAG AAA)."""


def parse_hex(colour: str) -> RGB:
    """Return the channels of ``#RRGGBB`` (or ``RRGGBB``, or ``#RGB``)."""
    value = colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    if len(value) != 6:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    return (float(int(value[0:2], 16)), float(int(value[2:4], 16)), float(int(value[4:6], 16)))


def to_hex(rgb: RGB) -> str:
    """Return ``#RRGGBB`` for channels 0 to 255 (rounded)."""
    return "#" + "".join(f"{round(min(255.0, max(0.0, c))):02X}" for c in rgb)


def relative_luminance(rgb: RGB) -> float:
    """Return the WCAG relative luminance of an sRGB colour (0 for black, 1 for white)."""
    red, green, blue = (_linear(c / 255.0) for c in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: RGB | str, second: RGB | str) -> float:
    """Return the WCAG contrast ratio of two colours, from 1 to 21, in either order."""
    lum_a = relative_luminance(_rgb(first))
    lum_b = relative_luminance(_rgb(second))
    lighter, darker = max(lum_a, lum_b), min(lum_a, lum_b)
    return (lighter + 0.05) / (darker + 0.05)


def blend(top: RGB, alpha: float, below: RGB) -> RGB:
    """Return ``top`` drawn with opacity ``alpha`` (0 to 1) over ``below``."""
    return (
        top[0] * alpha + below[0] * (1 - alpha),
        top[1] * alpha + below[1] * (1 - alpha),
        top[2] * alpha + below[2] * (1 - alpha),
    )


def is_large_text(size_pt: float, bold: bool) -> bool:
    """Return True for WCAG large text: 18 pt or more, or 14 pt bold or more."""
    return size_pt >= 18 or (bold and size_pt >= 14)


def _rgb(colour: RGB | str) -> RGB:
    return parse_hex(colour) if isinstance(colour, str) else colour


def _linear(channel: float) -> float:
    if channel <= 0.04045:
        return channel / 12.92
    return ((channel + 0.055) / 1.055) ** 2.4
