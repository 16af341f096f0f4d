"""Write the pack's PowerPoint deck from the designer's template, one planned slide at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from packgen.model import Block, PlannedSlide, Span, TailoredPack
from packgen.rules.fontmetrics import lines_needed
from packgen.tailor import slideplan
from packgen.views.deck import notes_for
from packgen.wording import date_long
from packgen.writers.pptx import blocks, fit, slides, template
from packgen.writers.pptx.media import Box
from packgen.writers.pptx.oxml import elements, equations, speed, text, theme
from packgen.writers.pptx.template import ROLES

TITLE_PT = 40
"""The packaged template's title size; long titles step down to 36 pt, never below."""
FOOTER_PT = 18
"""The footer size the footer text is measured at (the packaged template's; others use less)."""
FOOTER_INSETS_PT = 14.4
"""A text box's default left and right insets together (0.1 in each)."""
BAND = 228600
"""Tolerance (a quarter inch) when deciding whether a shape starts a new reading row."""
DEFAULT_AREA = (685800, 1828800, 10820400, 4206240)
"""Content area (x, y, w, h in EMU) when the template's master has no body placeholder."""


def build_deck(tp: TailoredPack) -> Any:
    """Return the finished Presentation for ``tp`` (the template is checked first)."""
    planned = tp.slides
    path, shown, packaged = template.locate(tp)
    prs = template.open_template(path, shown)
    layouts = template.check(prs, tp, planned, shown)
    speed.speed_up(prs)
    notes_master = speed.notes_master_of(prs)
    ctx = slides.Ctx(tp, tp.project.root, tp.language, _content_area(prs),
                     slide_width=prs.slide_width or slides.PACKAGED_WIDTH)
    footers: dict[str, list[Any]] = {}
    adder = speed.SlideAdder(prs)
    added = []
    for item in planned:
        slide = adder.add(layouts.for_slide(item))
        _fill_slide(ctx, slide, item, footers)
        _write_notes(slide, notes_for(tp, item), tp.language, notes_master)
        equations.wrap_equations(slide)
        added.append(slide)
    _link_footnotes(added, planned)
    _finish(prs, tp, packaged)
    return prs


def _link_footnotes(added: list[Any], planned: tuple[PlannedSlide, ...]) -> None:
    """Link each footnote number on a slide to the slide listing its module's footnotes, as
    Pandoc does; a number in the speaker notes stays plain text."""
    targets = slideplan.footnotes_slides(planned)
    for slide, item in zip(added, planned, strict=True):
        number = targets.get(item.module.id) if item.module is not None else None
        text.link_to_slide(slide, added[number - 1] if number else None)
        if slide.has_notes_slide:
            text.drop_slide_links(slide.notes_slide)


def _fill_slide(ctx: Any, slide: Any, item: PlannedSlide, footers: dict[str, list[Any]]) -> None:
    """Give one new slide its title, content, reading order and footers."""

    tp = ctx.tp
    _set_title(slide, item, tp.language, ctx)
    slides.render(ctx, slide, item)
    _drop_empty_placeholders(slide)
    _order_for_reading(slide, ctx)
    texts = {"ftr": _footer_text(tp, slide.slide_layout), "dt": date_long(tp.pack.date, tp.language)}
    elements.copy_footers(slide, texts, tp.language, footers)


def _footer_text(tp: TailoredPack, layout: Any) -> str:
    """Return the footer: the pack's title and organisation, else the one of them that fits
    the layout's footer placeholder on one line (a narrow footer would wrap out of its box)."""
    choices = (f"{tp.pack.title} \u00b7 {tp.pack.organisation}", tp.pack.title,
               tp.pack.organisation)
    width = next((ph.width for ph in layout.placeholders
                  if ROLES.get(ph.placeholder_format.type) == "footer"), None)
    if not width:
        return choices[0]
    room = width / 12700 - FOOTER_INSETS_PT
    return next((text for text in choices if lines_needed(text, room, FOOTER_PT) == 1),
                choices[-1])


def _set_title(slide: Any, item: PlannedSlide, lang: str, ctx: Any) -> None:

    element = elements.title_element(elements.shape_tree(slide))
    if element is None:
        return
    shape = elements.shape_for(slide, element)
    title = item.title or slideplan.untitled_name(item.module, item.number, lang)
    lines = [blocks.Line((Span(title),))]
    box = ctx.box(slide, shape)
    size = fit.size_or_base(slide, shape, blocks.fit_size(
        lines, box.w, box.h, TITLE_PT, blocks.MIN_TITLE_PT), TITLE_PT, "title") if item.title \
        else None
    blocks.write_lines(shape.text_frame, lines, lang, size)
    if not item.title:
        elements.move_off_slide(shape)
        elements.hide_master_shapes(slide)


def _write_notes(slide: Any, notes: tuple[Block, ...], lang: str, master: Any) -> None:
    items = blocks.lines(notes, notes=True)
    if items:
        blocks.write_lines(speed.new_notes_frame(slide, master), items, lang, equations=False)


def _drop_empty_placeholders(slide: Any) -> None:

    tree = elements.shape_tree(slide)
    title = elements.title_element(tree)
    for element in elements.placeholder_elements(tree):
        if element is title or not elements.is_text_shape(element):
            continue
        if not elements.shape_text(element).strip():
            elements.remove_element(element)


def _order_for_reading(slide: Any, ctx: Any) -> None:
    """Put the title first, then rows of shapes top to bottom, each row left to right.

    A shape starting above the bottom of the row before it (less a small tolerance) joins
    that row, so a picture beside its text is read after it and one below it is read later.
    """

    tree = elements.shape_tree(slide)
    title = elements.title_element(tree)
    title_id = elements.shape_id(title) if title is not None else None
    boxes = sorted(((_box(slide, el, ctx), el) for el in elements.shape_elements(tree)
                    if elements.shape_id(el) != title_id), key=lambda p: p[0].y)
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
    elements.move_to_end(tree, ordered)


def _box(slide: Any, element: Any, ctx: Any) -> Any:
    """Return where one shape of the slide sits (a placeholder's from its layout if need be)."""

    def shape() -> Any:
        return elements.shape_for(slide, element)

    if elements.is_placeholder(element):
        return ctx.box_of(slide, element, shape)
    own = elements.own_box(element)
    return Box(*own) if own is not None else Box.of(shape())


def _content_area(prs: Any) -> Any:
    """Return the largest body placeholder of the slide masters (a converted LibreOffice
    template's first master is its title master, whose body is a short subtitle strip)."""
    bodies = [Box.of(shape) for master in prs.slide_masters for shape in master.placeholders
              if ROLES.get(shape.placeholder_format.type) == "body" and shape.width]
    return max(bodies, key=lambda b: b.w * b.h, default=Box(*DEFAULT_AREA))


def _finish(prs: Any, tp: TailoredPack, packaged: bool) -> None:

    look = tp.project.theme
    if packaged or look.source != "packgen:theme.yaml":
        theme.restyle(prs, look.colours, look.fonts)
    text.fix_languages(elements.part_roots(prs), tp.language)
    text.set_code_font(elements.slide_roots(prs), look.fonts.get("code", text.CODE_FONT))
    elements.number_slides(prs.slides)
    elements.set_core_properties(prs, tp.pack.title, tp.pack.organisation, tp.language,
                                 tp.built)


def write(tp: TailoredPack, target: Path) -> None:
    """Write the deck to ``target``, its zip members stored uncompressed: the build
    compresses them once, as it makes the file reproducible."""
    speed.save_stored(build_deck(tp), target)
