"""Draw the spaces diagram as native, editable shapes: overlapping ovals and their labels."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from packgen.colours import blend_hex, contrast_ratio, hex_digits
from packgen.model import Space, Theme
from packgen.writers.pptx.media import Box
from packgen.writers.pptx.oxml import elements
from packgen.writers.pptx.oxml import text as text_xml

OVERLAP = 0.3
"""Share of an oval's width that overlaps its neighbour."""
FILL_OPACITY = 0.22
FAINT_OPACITY = 0.07
"""Fill of a space that is not highlighted when others are."""
GAP = 45720
NAME_PT = 24
HOLDER_PT = 20
MIN_PT = 18


def draw_spaces(slide: Any, spaces: Sequence[Space], theme: Theme, box: Box, lang: str,
                highlight: Sequence[str] = ()) -> Any:
    """Add the diagram of ``spaces`` inside ``box`` as one group; return the group.

    Spaces without ``overlaps`` are ovals side by side, each overlapping the next; a space
    with ``overlaps`` is a label in the overlap of the spaces it names. Works for any count.
    When ``highlight`` names spaces, the other ovals are drawn faintly and a highlighted
    overlap label gets a heavy outline.
    """
    faint = {s.id for s in spaces if highlight and s.id not in highlight}
    base = [s for s in spaces if not s.overlaps] or list(spaces)
    shared = [s for s in spaces if s.overlaps and s not in base]
    group = slide.shapes.add_group_shape()
    ovals = _oval_boxes(len(base), box)
    for space, oval in zip(base, ovals):
        _draw_oval(group, space, oval, theme, space.id in faint)
    for i, (space, oval) in enumerate(zip(base, ovals)):
        _label_base(group, space, _exclusive(ovals, i), theme, lang, space.id in faint)
    centres = {s.id: o.x + o.w // 2 for s, o in zip(base, ovals)}
    mid_y = ovals[0].y + ovals[0].h * 70 // 100 if ovals else box.y + box.h // 2
    for space, y in zip(shared, _stack_ys(shared, centres, mid_y)):
        outline = theme.colours.get("text", "#000000") if space.id in highlight else None
        _label_shared(group, space, centres, y, ovals[0].w, box, theme, lang, outline)
    elements.set_alt_text(group, describe(base, shared))
    group.name = "Spaces diagram"
    return group


def describe(base: Sequence[Space], shared: Sequence[Space]) -> str:
    """Return the diagram's alt text: each space, its holder, and what overlaps what."""
    names = {s.id: s.name for s in base}
    parts = [f"{s.name} ({s.holder})" if s.holder else s.name for s in base]
    text = "Diagram of overlapping spaces: " + ", ".join(parts) + "."
    for space in shared:
        joined = " and ".join(names.get(i, i) for i in space.overlaps)
        text += f" {space.name} is where {joined} overlap."
    return text


def readable_on(background: str, *candidates: str) -> str:
    """Return the candidate with the best contrast on ``background``."""
    return max(candidates, key=lambda c: contrast_ratio(c, background))


def _oval_boxes(count: int, box: Box) -> list[Box]:
    width = int(box.w / (count - OVERLAP * (count - 1)))
    height = min(box.h, int(width * 0.8))
    step = int(width * (1 - OVERLAP))
    y = box.y + (box.h - height) // 2
    return [Box(box.x + i * step, y, width, height) for i in range(count)]


def _exclusive(ovals: list[Box], i: int) -> Box:
    """Return the label box of oval ``i``: its upper part, clear of both overlaps."""
    oval = ovals[i]
    inner = int(oval.w * OVERLAP) + GAP
    left = oval.x + (inner if i > 0 else oval.w // 8)
    right = oval.x + oval.w - (inner if i < len(ovals) - 1 else oval.w // 8)
    return Box(left, oval.y + oval.h * 16 // 100, right - left, oval.h * 40 // 100)


def _shared_width(oval_w: int) -> int:
    return max(int(oval_w * OVERLAP), min(int(2.4 * 914400), int(oval_w * 0.6)))


def _stack_ys(shared: list[Space], centres: dict[str, int], mid_y: int) -> list[int]:
    seen: dict[int, int] = {}
    ys = []
    for space in shared:
        x = _shared_x(space, centres, 0)
        ys.append(mid_y + seen.get(x, 0) * int(0.8 * 914400))
        seen[x] = seen.get(x, 0) + 1
    return ys


def _shared_x(space: Space, centres: dict[str, int], default: int) -> int:
    xs = [centres[i] for i in space.overlaps if i in centres]
    return sum(xs) // len(xs) if xs else default


def _draw_oval(group: Any, space: Space, oval: Box, theme: Theme, faint: bool) -> None:
    colour = theme.colour(space.colour)
    shape = group.shapes.add_shape(MSO_SHAPE.OVAL, Emu(oval.x), Emu(oval.y), Emu(oval.w),
                                   Emu(oval.h))
    shape.name = f"{space.name} oval"
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(colour)
    elements.set_fill_alpha(shape, FAINT_OPACITY if faint else FILL_OPACITY)
    shape.line.color.rgb = _rgb(colour)
    shape.line.width = Pt(1.5 if faint else 4)
    elements.drop_style(shape)
    elements.mark_decorative(shape)


def _label_base(group: Any, space: Space, box: Box, theme: Theme, lang: str,
                faint: bool) -> None:
    colour = theme.colour(space.colour)
    opacity = FAINT_OPACITY if faint else FILL_OPACITY
    under = blend_hex(colour, opacity, theme.colours.get("background", "#FFFFFF"))
    ink = readable_on(under, colour, theme.colours.get("text", "#000000"))
    lines = [(space.name, _fitting(space.name, NAME_PT, box.w), True)]
    if space.holder:
        lines.append((space.holder, _fitting(space.holder, HOLDER_PT, box.w * 2), False))
    _text_shape(group, MSO_SHAPE.RECTANGLE, box, lines, ink, None, lang)


def _label_shared(group: Any, space: Space, centres: dict[str, int], y: int, oval_w: int,
                  box: Box, theme: Theme, lang: str, outline: str | None = None) -> None:
    colour = theme.colour(space.colour)
    width = _shared_width(oval_w)
    one_line = len(space.name) * 0.55 * NAME_PT * 12700 < width - 91440
    height = int((0.7 if one_line else 1.1) * 914400)
    x = _shared_x(space, centres, box.x + box.w // 2) - width // 2
    ink = readable_on(colour, "#FFFFFF", theme.colours.get("text", "#000000"))
    label = Box(x, y - height // 2, width, height)
    shape = _text_shape(group, MSO_SHAPE.ROUNDED_RECTANGLE, label,
                        [(space.name, NAME_PT, True)], ink, colour, lang)
    if outline:
        shape.line.color.rgb = _rgb(outline)
        shape.line.width = Pt(4)


def _text_shape(group: Any, kind: Any, box: Box, lines: list[tuple[str, int, bool]], ink: str,
                fill: str | None, lang: str) -> Any:
    shape = group.shapes.add_shape(kind, Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
    shape.name = lines[0][0]
    elements.drop_style(shape)
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(fill)
    else:
        shape.fill.background()
    shape.line.fill.background()
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_left = frame.margin_right = Emu(45720)
    for i, (text, size, bold) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = text
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = _rgb(ink)
        text_xml.set_run_lang(run, lang)
    return shape


def _fitting(text: str, size: int, width: int) -> int:
    """Return ``size``, or smaller (never below 18 pt) so the longest word fits ``width``."""
    longest = max((len(word) for word in text.split()), default=1)
    fits = int((width - 91440) / 12700 / (longest * 0.6 + 1))
    return max(MIN_PT, min(size, fits))


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(hex_digits(colour))
