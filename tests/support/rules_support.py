"""Small builders for rule tests: model objects made directly, and deck templates made with pptx."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu
from where import REPO

from packgen.model import (
    Config,
    Image,
    Loc,
    Module,
    Pack,
    Paragraph,
    Project,
    Slide,
    Span,
    TailoredPack,
    Theme,
    Timetable,
)
from packgen.tailor.slideplan import with_plan

MODULE = "content/modules/m.md"
PACKAGED_DECK = REPO / "src/packgen/templates/deck.pptx"


def at(line: int, path: str = MODULE) -> Loc:
    """Return a place in the test module."""
    return Loc(path, line)


def para(text: str, line: int = 1) -> Paragraph:
    """Return a paragraph of plain text."""
    return Paragraph((Span(text),), at(line))


def slide(title: str, *blocks: object, line: int = 1, kind: str = "content",
          **extra: object) -> Slide:
    """Return a slide at ``line`` holding ``blocks``."""
    return Slide(title=(Span(title),) if title else (), kind=kind, blocks=tuple(blocks),
                 loc=at(line), **extra)  # type: ignore[arg-type]


def picture(alt: str, line: int = 1, src: str = "content/images/meeting.png",
            **extra: object) -> Image:
    """Return a picture with alt text."""
    return Image(src=src, alt=alt, loc=at(line), **extra)  # type: ignore[arg-type]


def module(*slides: Slide, id: str = "m", **extra: object) -> Module:
    """Return a module holding ``slides``."""
    return Module(id=id, title="Module", duration=10, slides=tuple(slides), loc=at(1),
                  **extra)  # type: ignore[arg-type]


def tailored(*modules: Module, root: Path = Path("."), config: Config | None = None,
             deck_style: str = "standard", originals: tuple[Module, ...] = (),
             theme: Theme | None = None, **pack_fields: object) -> TailoredPack:
    """Return a tailored pack of ``modules`` (``originals``: the modules before tailoring)."""
    pack = Pack(id="p", title="Pack", audience="staff", organisation="Org",
                date=dt.date(2026, 3, 3), start=600, slot=60, venue="Here",
                facilitators=("A",), modules=tuple(m.id for m in modules),
                loc=Loc("content/packs/p.yaml", 1), deck_style=deck_style,
                **pack_fields)  # type: ignore[arg-type]
    source = {m.id: m for m in (originals or modules)}
    project = Project(root=root, modules=source, packs={"p": pack}, audiences={}, spaces=(),
                      glossary=(), theme=theme or Theme(colours={}, fonts={}),
                      config=config or Config())
    return with_plan(TailoredPack(pack=pack, modules=tuple(modules), project=project,
                            timetable=Timetable(entries=(), start=600, slot=60)))


def codes(diags: list) -> list[tuple[str | None, int | None, str]]:
    """Return (code, line, severity) of each finding."""
    return [(d.code, d.line, d.severity.value) for d in diags]


# --- templates ---------------------------------------------------------------------------


def bad_template(path: Path) -> Path:
    """Write a template that breaks every template rule, and return its path.

    python-pptx's default template (en-US, no 'Agenda' layout), with 'Two Content' renamed,
    a 20 pt title on 'Title Only', shrink-to-fit at 70 % on 'Title and Content', light grey
    body text, white title text on white, and one slide.
    """
    prs = Presentation()
    layouts = {lay.name: lay for lay in prs.slide_layouts}
    layouts["Two Content"].name = "Two Contents"
    set_level(layouts["Title Only"].placeholders[0], size=20)
    layouts["Title and Content"].placeholders[1].text_frame._bodyPr.append(
        _autofit("70000"))
    set_level(layouts["Title and Content"].placeholders[1], colour="AAAAAA")
    set_level(layouts["Section Header"].placeholders[0], colour="FFFFFF")
    prs.slides.add_slide(layouts["Title Only"])
    prs.save(str(path))
    return path


def set_level(placeholder: object, size: float | None = None, colour: str | None = None,
              level: int = 1) -> None:
    """Set a layout placeholder's level size (pt) and colour in its list style."""
    from lxml import etree

    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    body = placeholder._element.txBody  # type: ignore[attr-defined]
    lst = body.find(f"{{{a}}}lstStyle")
    lvl = lst.find(f"{{{a}}}lvl{level}pPr")
    if lvl is None:
        lvl = etree.SubElement(lst, f"{{{a}}}lvl{level}pPr")
    rpr = lvl.find(f"{{{a}}}defRPr")
    if rpr is None:
        rpr = etree.SubElement(lvl, f"{{{a}}}defRPr")
    if size is not None:
        rpr.set("sz", str(int(size * 100)))
    if colour is not None:
        for old in rpr.findall(f"{{{a}}}solidFill"):
            rpr.remove(old)
        fill = etree.Element(f"{{{a}}}solidFill")
        rpr.insert(0, fill)
        etree.SubElement(fill, f"{{{a}}}srgbClr").set("val", colour)


def band_behind(prs: Presentation, layout_name: str, colour: str) -> None:
    """Draw a filled rectangle on a layout, behind (before) its placeholders, over its title."""
    layout = next(lay for lay in prs.slide_layouts if lay.name == layout_name)
    title = layout.placeholders[0]
    scratch = prs.slides.add_slide(layout)
    shape = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(0), title.top, prs.slide_width,
                                     title.height)
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(colour)
    tree = layout.shapes._spTree
    tree.insert(2, copy.deepcopy(shape._element))
    _drop_slide(prs, scratch)


def _drop_slide(prs: Presentation, slide: object) -> None:
    ids = prs.slides._sldIdLst
    for sld_id in list(ids):
        if prs.slides.part.related_part(sld_id.rId) is slide.part:  # type: ignore[attr-defined]
            prs.part.drop_rel(sld_id.rId)
            ids.remove(sld_id)


def _autofit(scale: str) -> object:
    from lxml import etree

    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    el = etree.Element(f"{{{a}}}normAutofit")
    el.set("fontScale", scale)
    return el


def theme_with(layouts: Mapping[str, str] | None = None) -> Theme:
    """Return a theme with default colours and optional layout overrides."""
    return Theme(colours={"text": "#1A1A1A", "background": "#FFFFFF"}, fonts={},
                 layouts=dict(layouts or {}))
