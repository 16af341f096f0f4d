"""Draw the spaces diagram as native, editable shapes: ovals, their overlap and the labels.

The layout is ``writers.spaces``' (the guide and handout draw the same one); this module only
turns it into PowerPoint shapes, grouped, with the group's alt text describing the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from packgen.colours import hex_digits
from packgen.model import Space, Theme
from packgen.writers import spaces as layout
from packgen.writers.pptx.media import Box
from packgen.writers.pptx.oxml import elements
from packgen.writers.pptx.oxml import text as text_xml

EMU_PT = 12700


def draw_spaces(slide: Any, spaces: Sequence[Space], theme: Theme, box: Box, lang: str,
                highlight: Sequence[str] = (), easy: bool = False) -> Any:
    """Add the diagram of ``spaces`` inside ``box`` as one group; return the group.

    Each oval is a tint of its space's colour, the overlap a gradient from one space's colour
    to the other's with both outlines drawn over it; each name sits inside its own area. When ``highlight``
    names spaces, the others are drawn faintly, and a highlighted overlap gets a heavy
    outline. ``easy`` draws the easy-read version: names only, in large type.
    """
    diagram = layout.layout(spaces, theme, box.w / EMU_PT, box.h / EMU_PT, highlight, easy,
                            lang)
    group = slide.shapes.add_group_shape()
    at = (box.x, box.y)
    for oval in diagram.ovals:
        _oval(group, oval, at, fill=True)
    for lens in diagram.lenses:
        _lens(group, diagram, lens, at, fill=True)
    for oval in diagram.ovals:
        _oval(group, oval, at, fill=False)
    for lens in diagram.lenses:
        if lens.outline:
            _lens(group, diagram, lens, at, fill=False)
    for label in diagram.labels:
        _label(group, label, at, lang, theme.fonts.get("body", ""))
    elements.set_alt_text(group, diagram.alt)
    group.name = "Spaces diagram"
    return group


def draw_easy_spaces(slide: Any, spaces: Sequence[Space], theme: Theme, box: Box, lang: str,
                     highlight: Sequence[str] = ()) -> Any:
    """Add the easy-read spaces diagram (two ovals, the three names, large, nothing else)."""
    return draw_spaces(slide, spaces, theme, box, lang, highlight, easy=True)


def _emu(value: float, origin: int = 0) -> Emu:
    return Emu(origin + round(value * EMU_PT))


def _oval(group: Any, oval: layout.Oval, at: tuple[int, int], fill: bool) -> None:
    shape = group.shapes.add_shape(
        MSO_SHAPE.OVAL, _emu(oval.cx - oval.rx, at[0]), _emu(oval.cy - oval.ry, at[1]),
        _emu(2 * oval.rx), _emu(2 * oval.ry))
    shape.name = f"{oval.space.name} {'oval' if fill else 'outline'}"
    elements.drop_style(shape)
    if fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(oval.fill)
        shape.line.fill.background()
    else:
        shape.fill.background()
        shape.line.color.rgb = _rgb(oval.stroke)
        shape.line.width = Pt(oval.stroke_pt)
    elements.mark_decorative(shape)


def _lens(group: Any, diagram: layout.Diagram, lens: layout.Lens, at: tuple[int, int],
          fill: bool) -> None:
    points = [(_emu(x, at[0]), _emu(y, at[1])) for x, y in diagram.lens_points(lens)]
    builder = group.shapes.build_freeform(points[0][0], points[0][1], scale=1.0)
    builder.add_line_segments(points[1:], close=True)
    shape = builder.convert_to_shape()
    names = " and ".join(o.space.name for o in diagram.ovals[lens.left:lens.left + 2])
    shape.name = f"Overlap of {names}" if fill else f"Overlap of {names} outline"
    elements.drop_style(shape)
    if fill:
        shape.fill.gradient()
        shape.fill.gradient_angle = 0
        for stop, colour in zip(shape.fill.gradient_stops, lens.stops):
            stop.color.rgb = _rgb(colour)
        shape.line.fill.background()
    else:
        shape.fill.background()
        shape.line.color.rgb = _rgb(lens.outline or "#000000")
        shape.line.width = Pt(layout.STROKE)
    elements.mark_decorative(shape)


def _label(group: Any, label: layout.Label, at: tuple[int, int], lang: str, font: str) -> None:
    """Add one label in the theme's body font, the font its lines were measured in (a
    template's own font may be wider and break a name inside a word)."""
    used = sum(layout.line_height(line.size) for line in label.lines)
    height = min(used * 1.08, label.y + label.h - label.top)
    shape = group.shapes.add_textbox(_emu(label.x, at[0]), _emu(label.top, at[1]),
                                     _emu(label.w), _emu(height))
    shape.name = f"{label.space.name} label"
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for i, line in enumerate(label.lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = line.text
        run.font.size, run.font.bold = Pt(line.size), line.bold
        run.font.name = font or None
        run.font.color.rgb = _rgb(line.ink)
        text_xml.set_run_lang(run, lang)


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(hex_digits(colour))
