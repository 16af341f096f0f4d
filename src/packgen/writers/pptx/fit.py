"""Choose a text frame's type size and paragraph spacing from its text and the room it has.

The measure is the overflow rule's own (``rules.textfit``, the shipped font's metrics, the
frame's inherited margins and line spacing), so text the writer sizes is text PG501 accepts.
Short text is set large (up to 36 pt, one step smaller per two more paragraphs) with space
between paragraphs in proportion; longer text steps down the ladder to fit, never below the
smallest body size PG403 allows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from packgen.model import plain
from packgen.rules.ooxml.textstyle import TextLevel, font_scale, insets, text_level
from packgen.rules.templatestyle import MINIMUM_PT
from packgen.rules.textfit import EMU_PER_PT, Para, line_heights
from packgen.writers.pptx.blocks import Line, margin
from packgen.writers.pptx.oxml import style

FLOOR = int(MINIMUM_PT["body"])
"""The smallest body size (24 pt): PG403's minimum."""
LADDER = (40, 36, 32, 28, 26, FLOOR)
"""Body sizes tried, largest first."""
SPACING = (0.75, 0.5, 0.3, 0.15)
"""Space before a paragraph, as a share of its size, tried widest first at each size."""
DEPTH = 5
"""List levels packgen writes (bullets, then nested items)."""
ROOM = 0.92
"""Share of the frame's height the text may fill (the estimate is not PowerPoint itself)."""


@dataclass(frozen=True, slots=True)
class Setting:
    """A chosen size: the paragraphs' size, nested items' size, the space before each."""

    size: int
    nested: int
    before: float
    height_pt: float
    """The text's estimated height at this setting."""


@dataclass(frozen=True, slots=True)
class Frame:
    """What the measure needs to know about a text frame: inherited levels, room, scale."""

    levels: tuple[TextLevel, ...]
    width: int
    """Text width in EMU, insets taken off."""
    height: int
    """Text height in EMU, insets taken off."""
    scale: float

    @classmethod
    def of(cls, slide: Any, shape: Any, width: int, height: int) -> Frame:
        """Return the frame ``shape`` will be once ``width`` x ``height`` EMU."""
        found = style.chain(slide, shape)
        left, top, right, bottom = insets(found)
        return cls(tuple(text_level(found, n) for n in range(1, DEPTH + 1)), width - left - right,
                   height - top - bottom, font_scale(found))


def most_for(items: Sequence[Line]) -> int:
    """Return the largest size text of this many paragraphs is set at (36 pt for 1 to 3)."""
    count = max(len(items), 1)
    return LADDER[min(1 + max(count - 2, 0) // 2, len(LADDER) - 1)]


def choose(items: Sequence[Line], frame: Frame, most: int | None = None,
           least: int = FLOOR) -> Setting:
    """Return the largest setting at or under ``most`` whose text fits ``frame``.

    When nothing fits, the smallest size with the tightest spacing (PG501 then reports it).
    """
    top = most if most is not None else most_for(items)
    sizes = [s for s in LADDER if least <= s <= top] or [max(least, min(top, LADDER[0]))]
    room = frame.height / EMU_PER_PT * ROOM
    last = None
    for size in sizes:
        for share in SPACING:
            last = measure(items, frame, size, share)
            if last.height_pt <= room:
                return last
    assert last is not None
    return last


def measure(items: Sequence[Line], frame: Frame, size: int, share: float) -> Setting:
    """Return the setting at ``size`` with space before of ``share`` x size, measured."""
    nested = max(FLOOR, size - 4)
    before = _before(1, size, nested, share)
    levels = [replace(level, space_before=("pts", float(_before(n, size, nested, share))))
              for n, level in enumerate(frame.levels, start=1)]
    paras = [Para(min(i.level or 0, DEPTH - 1), plain(i.text), any(s.bold for s in i.text),
                  (float(nested if i.level else size),),
                  margin(i, nested if i.level else size) if i.level is not None else None)
             for i in items]
    height = sum(line_heights(paras, lambda n: levels[n - 1], frame.scale, frame.width))
    return Setting(size, nested, before, height)


def apply(frame: Any, setting: Setting) -> None:
    """Write ``setting``'s paragraph spacing into the text frame's own list style."""
    share = setting.before / setting.size
    for n in range(1, DEPTH + 1):
        style.set_level_spacing(frame, n, _before(n, setting.size, setting.nested, share))


def _before(level: int, size: int, nested: int, share: float) -> int:
    return round((size if level == 1 else nested) * share)


def size_or_base(slide: Any, shape: Any, size: int | None, base: int, role: str = "body"
                 ) -> int | None:
    """Return ``size``, or ``base`` where ``size`` is None (keep the template's size) and the
    size ``shape`` inherits is below PG403's minimum for ``role``.

    ``fit_size`` returns None when the text fits at ``base``, trusting the template to set that
    size; a template saved by another program (18 pt everywhere) does not, so ``base`` is
    written instead. A template PG403 accepts keeps its own size.
    """
    if size is not None:
        return size
    inherited = text_level(style.chain(slide, shape), 1).size
    return base if inherited < MINIMUM_PT[role] else None

