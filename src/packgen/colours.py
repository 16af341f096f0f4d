"""Hex colours, WCAG 2.2 relative luminance and contrast ratio, and alpha blending: once."""

from __future__ import annotations

import string

RGB = tuple[float, float, float]
"""Red, green and blue, each 0 to 255."""

AA_NORMAL = 4.5
"""WCAG AA minimum for normal text, and packgen's minimum for all slide text."""
AA_LARGE = 3.0
"""WCAG AA minimum for large text (18 pt or more, or 14 pt bold) and meaningful graphics."""
EASY_READ = 7.0
"""packgen's minimum for easy-read decks and handouts (WCAG AAA)."""
SRGB_THRESHOLD = 0.04045
"""Where the sRGB curve turns from linear to a power (WCAG 2.2; WCAG 2.0 printed 0.03928).

No 8-bit channel lies between the two (10/255 is 0.0392, 11/255 is 0.0431), so the choice
changes no ratio of two ``#RRGGBB`` colours; it can only touch blended, fractional channels.
"""


def hex_problem(value: str, *, hash_required: bool = False) -> str | None:
    """Return what is wrong with ``value`` as ``#RRGGBB`` (or ``RRGGBB``), or None if nothing.

    With ``hash_required`` the ``#`` must be there, as in ``theme.yaml`` where a bare word is
    the name of a theme colour.
    """
    digits = value.removeprefix("#")
    if hash_required and not value.startswith("#"):
        return "it does not start with '#'"
    if not digits:
        return "it has no hex digits"
    wrong = [ch for ch in digits if ch not in string.hexdigits]
    if wrong:
        return f"'{wrong[0]}' is not a hex digit (0-9, A-F)"
    if len(digits) != 6:
        return f"it has {len(digits)} hex digits, not 6"
    return None


def parse_hex(value: str) -> RGB:
    """Return the channels of ``#RRGGBB`` or ``RRGGBB``; anything else raises ValueError."""
    digits = hex_digits(value)
    return (float(int(digits[0:2], 16)), float(int(digits[2:4], 16)),
            float(int(digits[4:6], 16)))


def hex_digits(value: str) -> str:
    """Return ``RRGGBB`` in capitals, as OOXML writes it; anything else raises ValueError."""
    problem = hex_problem(value)
    if problem:
        raise ValueError(f"{value!r} is not a #RRGGBB colour: {problem}")
    return value.lstrip("#").upper()


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


def blend_hex(top: str, alpha: float, below: str) -> str:
    """Return ``#RRGGBB`` of colour ``top`` drawn with opacity ``alpha`` over ``below``."""
    return to_hex(blend(parse_hex(top), alpha, parse_hex(below)))


def is_large_text(size_pt: float, bold: bool) -> bool:
    """Return True for WCAG large text: 18 pt or more, or 14 pt bold or more."""
    return size_pt >= 18 or (bold and size_pt >= 14)


def _rgb(colour: RGB | str) -> RGB:
    return parse_hex(colour) if isinstance(colour, str) else colour


def _linear(channel: float) -> float:
    if channel <= SRGB_THRESHOLD:
        return channel / 12.92
    return ((channel + 0.055) / 1.055) ** 2.4
