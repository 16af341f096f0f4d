"""Build the pack's PowerPoint deck from the designer's template, one planned slide at a time."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from packgen import slideplan
from packgen.builders import Output, output_name
from packgen.context import date_long
from packgen.model import Block, ListBlock, ListItem, Paragraph, Span, TailoredPack

if TYPE_CHECKING:
    from packgen.errors import Collector
    from packgen.slideplan import PlannedSlide

TITLE_PT = 40
"""The packaged template's title size; long titles step down to 36 pt, never below."""
BAND = 228600
"""Tolerance (a quarter inch) when deciding whether a shape starts a new reading row."""
DEFAULT_AREA = (685800, 1828800, 10820400, 4206240)
"""Content area (x, y, w, h in EMU) when the template's master has no body placeholder."""


class DeckBuilder:
    """Write ``<pack>-slides.pptx``: exactly the slides of ``slideplan.plan(tp)``."""

    name: ClassVar[str] = "deck"
    formats: ClassVar[tuple[str, ...]] = ("pptx",)

    def build(self, tp: TailoredPack, out_dir: Path, report: Collector) -> list[Output]:
        """Check the template, render every planned slide, and save the deck."""
        path = Path(out_dir) / output_name(tp.pack.id, "deck", "pptx")
        build_deck(tp).save(str(path))
        return [Output("deck", "pptx", path)]


def build_deck(tp: TailoredPack) -> Any:
    """Return the finished Presentation for ``tp`` (the template is checked first)."""
    from packgen.builders import deck_slides, deck_speed, deck_template

    planned = slideplan.plan(tp)
    template, shown, packaged = deck_template.locate(tp)
    prs = deck_template.open_template(template, shown)
    layouts = deck_template.check(prs, tp, planned, shown)
    deck_speed.speed_up(prs)
    notes_master = prs.part.notes_master_part
    ctx = deck_slides.Ctx(tp, tp.project.root, tp.language, _content_area(prs))
    footers: dict[str, list[Any]] = {}
    slides = deck_speed.SlideAdder(prs)
    for item in planned:
        slide = slides.add(layouts[deck_template.layout_name(tp, item)])
        _fill_slide(ctx, slide, item, footers)
        _write_notes(slide, notes_for(item), tp.language, notes_master)
    _finish(prs, tp, packaged)
    return prs


def _fill_slide(ctx: Any, slide: Any, item: PlannedSlide, footers: dict[str, list[Any]]) -> None:
    """Give one new slide its title, content, reading order and footers."""
    from packgen import pptx_xml
    from packgen.builders import deck_slides

    tp = ctx.tp
    _set_title(slide, item, tp.language, ctx)
    deck_slides.render(ctx, slide, item)
    _drop_empty_placeholders(slide)
    _order_for_reading(slide, ctx)
    texts = {"ftr": f"{tp.pack.title} \u00b7 {tp.pack.organisation}",
             "dt": date_long(tp.pack.date)}
    pptx_xml.copy_footers(slide, texts, tp.language, footers)


def notes_for(item: PlannedSlide) -> tuple[Block, ...]:
    """Return the speaker notes of a planned slide (activity steps and debrief included)."""
    if item.row is not None:
        return item.row.notes
    if item.slide is not None:
        return item.slide.notes + _activity_notes(item)
    if item.kind == "section" and item.module is not None:
        return _module_notes(item)
    return ()


def _activity_notes(item: PlannedSlide) -> tuple[Block, ...]:
    activity = item.slide.activity if item.slide else None
    if activity is None:
        return ()
    loc = activity.loc
    blocks: list[Block] = []
    for heading, texts, ordered in (("Steps", activity.steps, True),
                                    ("Debrief", activity.debrief, False)):
        if texts:
            blocks.append(Paragraph((Span(heading, bold=True),), loc))
            blocks.append(ListBlock(tuple(ListItem(t) for t in texts), ordered, loc))
    return tuple(blocks)


def _module_notes(item: PlannedSlide) -> tuple[Block, ...]:
    module = item.module
    blocks: list[Block] = []
    for heading, texts in (("Objectives", module.objectives),
                           ("Key messages", module.key_messages)):
        if texts:
            blocks.append(Paragraph((Span(heading, bold=True),), module.loc))
            blocks.append(ListBlock(tuple(ListItem((Span(t),)) for t in texts), False,
                                    module.loc))
    return tuple(blocks)


def _set_title(slide: Any, item: PlannedSlide, lang: str, ctx: Any) -> None:
    from packgen import pptx_xml
    from packgen.builders import deck_blocks

    element = pptx_xml.title_element(slide.shapes._spTree)
    if element is None:
        return
    shape = slide.shapes._shape_factory(element)
    text = item.title or slideplan.untitled_name(item.module, item.number)
    lines = [deck_blocks.Line((Span(text),))]
    box = ctx.box(slide, shape)
    size = deck_blocks.fit_size(lines, box.w, box.h, TITLE_PT,
                                deck_blocks.MIN_TITLE_PT) if item.title else None
    deck_blocks.write_lines(shape.text_frame, lines, lang, size)
    if not item.title:
        pptx_xml.move_off_slide(shape)
        pptx_xml.hide_master_shapes(slide)


def _write_notes(slide: Any, blocks: tuple[Block, ...], lang: str, master: Any) -> None:
    from packgen.builders import deck_blocks, deck_speed

    items = deck_blocks.lines(blocks, notes=True)
    if items:
        deck_blocks.write_lines(deck_speed.new_notes_frame(slide, master), items, lang)


def _drop_empty_placeholders(slide: Any) -> None:
    from packgen import pptx_xml

    tree = slide.shapes._spTree
    for element in pptx_xml.placeholder_elements(tree):
        if pptx_xml.ph_idx(element) == 0 or not pptx_xml.is_text_shape(element):
            continue
        if not pptx_xml.shape_text(element).strip():
            tree.remove(element)


def _order_for_reading(slide: Any, ctx: Any) -> None:
    """Put the title first, then rows of shapes top to bottom, each row left to right.

    A shape starting above the bottom of the row before it (less a small tolerance) joins
    that row, so a picture beside its text is read after it and one below it is read later.
    """
    from packgen import pptx_xml

    tree = slide.shapes._spTree
    title = pptx_xml.title_element(tree)
    title_id = pptx_xml.shape_id(title) if title is not None else None
    boxes = sorted(((_box(slide, el, ctx), el) for el in tree.iter_shape_elms()
                    if pptx_xml.shape_id(el) != title_id), key=lambda p: p[0].y)
    rows: list[list[tuple[Any, Any]]] = []
    bottom = 0
    for box, element in boxes:
        if not rows or box.y >= bottom - BAND:
            rows.append([])
            bottom = box.y + box.h
        rows[-1].append((box, element))
        bottom = max(bottom, box.y + box.h)
    ordered = ([title] if title is not None else []) + [
        element for row in rows for _, element in sorted(row, key=lambda p: p[0].x)]
    for element in ordered:
        tree.append(element)


def _box(slide: Any, element: Any, ctx: Any) -> Any:
    """Return where one shape of the slide sits (a placeholder's from its layout if need be)."""
    from packgen import pptx_xml
    from packgen.builders.deck_media import Box

    def shape() -> Any:
        return slide.shapes._shape_factory(element)

    if pptx_xml.is_placeholder(element):
        return ctx.box_of(slide, element, shape)
    own = pptx_xml.own_box(element)
    return Box(*own) if own is not None else Box.of(shape())


def _content_area(prs: Any) -> Any:
    from packgen.builders.deck_media import Box
    from packgen.builders.deck_template import ROLES

    for shape in prs.slide_masters[0].placeholders:
        if ROLES.get(shape.placeholder_format.type) == "body" and shape.width:
            return Box.of(shape)
    return Box(*DEFAULT_AREA)


def _finish(prs: Any, tp: TailoredPack, packaged: bool) -> None:
    from packgen import pptx_text, pptx_xml
    from packgen.builders import deck_theme

    theme = tp.project.theme
    if packaged or theme.source != "packgen:theme.yaml":
        for part in deck_theme.theme_parts(prs):
            part._blob = deck_theme.apply_theme(part.blob, theme.colours, theme.fonts)
    roots = [prs.part._element]
    roots += [m.part._element for m in prs.slide_masters]
    roots += [layout.part._element for m in prs.slide_masters for layout in m.slide_layouts]
    roots += [prs.notes_master.part._element]
    pptx_text.fix_languages(roots, tp.language)
    pptx_xml.number_slides(prs.slides)
    pptx_xml.set_core_properties(prs, tp.pack.title, tp.pack.organisation, tp.language,
                                 tp.built)
