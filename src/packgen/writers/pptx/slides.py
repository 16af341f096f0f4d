"""Fill one slide per planned slide kind: a dispatch table of small renderers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packgen.errors import PackgenError
from packgen.model import (
    Block,
    Columns,
    Image,
    Paragraph,
    PlannedSlide,
    Quote,
    SpacesDiagram,
    Span,
    Table,
    TailoredPack,
    plain,
    slide_kinds,
)
from packgen.tailor.slideplan import activity_task
from packgen.translations import words
from packgen.views import languages
from packgen.views.deck import (
    break_lines,
    clock_for,
    group_label,
    is_easy_read,
    section_lines,
    title_also_in,
)
from packgen.wording import date_long, join_names, minutes_said
from packgen.writers.pptx import blocks as pptx_blocks
from packgen.writers.pptx import diagram as spaces_diagram
from packgen.writers.pptx import fit, media
from packgen.writers.pptx.blocks import Line
from packgen.writers.pptx.media import Box
from packgen.writers.pptx.oxml import elements
from packgen.writers.pptx.template import ROLES

UNKNOWN_SPACE = "PG131"

TAB_EMU = 1051560
"""Agenda: where the module title starts, after the clock time (1.15 in)."""
EASY_TAB_EMU = 1600200
"""Easy-read agenda: where the title starts after a 12-hour time such as 10:30am (1.75 in)."""
STATEMENT_PT = 44
"""A statement slide's sentence, before it is fitted to its box."""
BREAK_PT = 40
"""A break slide's length and return time, before they are fitted to the box."""
QUOTE_PT = 44
"""A quotation, at most: it starts beside the Quote layout's accent bar, at the top."""
CLOSING_PICTURE = 2286000
"""Easy read: the closing slide's picture, at most 2.5 in square."""
SIDE = 4114800
"""Easy read: picture square (4.5 in) when the layout has no picture placeholder."""
PACKAGED_WIDTH = 12192000
"""The packaged template's slide width (13.33 in, EMU), which the sizes here are chosen for."""
SMALLEST_PT = 18
"""No text the writer fits is set smaller, on any slide size."""
EASY_MOST, EASY_LEAST = 40, 32
"""Easy read: the largest and smallest sizes of a row's sentences, centred beside the picture."""


@dataclass(frozen=True, slots=True)
class Ctx:
    """What every renderer reads: the pack, where pictures live, the language, the body area."""

    tp: TailoredPack
    root: Path
    lang: str
    area: Box
    """The content area of the template (its master's body placeholder)."""
    boxes: dict[tuple[str, int], Box] = field(default_factory=dict)
    """Inherited placeholder boxes by (layout part name, placeholder index)."""
    slide_width: int = PACKAGED_WIDTH
    """The template's slide width (EMU): sizes scale with it where the slide is too small."""

    def floor(self, size: int) -> int:
        """Return ``size`` (points) scaled to this slide as it looks on the packaged template's
        13.33 in slide (24 pt there is 20 pt on a 28 cm slide), never larger, at least 18."""
        return max(min(size, round(size * self.slide_width / PACKAGED_WIDTH)), SMALLEST_PT)

    def box(self, slide: Any, shape: Any) -> Box:
        """Return where a placeholder sits, reading its layout's geometry only once."""
        return self.box_of(slide, shape.element, lambda: shape)

    def box_of(self, slide: Any, element: Any, shape: Callable[[], Any]) -> Box:
        """Return where a placeholder element sits; ``shape`` makes its python-pptx object."""
        if elements.sets_own_xfrm(element):
            own = elements.own_box(element)
            return Box(*own) if own is not None else Box.of(shape())
        key = (str(slide.slide_layout.part.partname), elements.ph_idx(element))
        if key not in self.boxes:
            self.boxes[key] = Box.of(shape())
        return self.boxes[key]


def placeholders(slide: Any, role: str) -> list[Any]:
    """Return the slide's placeholders of one role (``body``, ``picture``) by index."""
    found = [el for el in elements.placeholder_elements(elements.shape_tree(slide))
             if _ROLE_OF_TYPE.get(elements.ph_type(el)) == role]
    found.sort(key=elements.ph_idx)
    return [elements.shape_for(slide, el) for el in found]


def picture_holders(slide: Any) -> list[Any]:
    """Return the slide's picture placeholders; without one, a content placeholder that can
    hold a picture (``slide_kinds.can_hold_picture``) when another body is left for text."""
    pictures = placeholders(slide, "picture")
    bodies = placeholders(slide, "body")
    if pictures or len(bodies) < 2:
        return pictures
    spare = [b for b in bodies if slide_kinds.can_hold_picture(elements.ph_type(b.element))]
    return spare[:1]


def render(ctx: Ctx, slide: Any, planned: PlannedSlide) -> None:
    """Fill ``slide`` for ``planned`` with the renderer of its kind."""
    RENDERERS[planned.kind](ctx, slide, planned)


def _title(ctx: Ctx, slide: Any, planned: PlannedSlide) -> None:
    """Name the organisation, the date and the facilitators, and say which other language
    versions of the deck exist, in the deck's language only: one text frame holds one
    language (W4), and the subtitle has room for one line more."""
    pack = ctx.tp.pack
    details = [pack.organisation, date_long(pack.date, ctx.lang),
               join_names(pack.facilitators, ctx.lang)]
    also = title_also_in(ctx.tp, languages.other_versions(ctx.tp))
    details += [s.text for s in also if s.lang == ctx.lang]
    _write_first(ctx, slide, [Line((Span(t),)) for t in details if t], 28)


def _agenda(ctx: Ctx, slide: Any, planned: PlannedSlide) -> None:
    items = _agenda_lines(ctx.tp)
    bodies = placeholders(slide, "body")
    if not bodies:
        return
    box = ctx.box(slide, bodies[0])
    rows = _agenda_rows(box.h)
    if len(items) <= rows(24):
        _agenda_column(ctx, bodies[0].text_frame, items, 26 if len(items) <= rows(26) else 24)
        return
    half, width = (len(items) + 1) // 2, (box.w - media.GAP) // 2
    bodies[0].left, bodies[0].top, bodies[0].width, bodies[0].height = box.x, box.y, width, box.h
    second = slide.shapes.add_textbox(box.x + box.w - width, box.y, width, box.h)
    second.name = "Agenda, continued"
    elements.copy_list_style(slide.slide_layout.placeholders.get(
        idx=bodies[0].placeholder_format.idx), second)
    size = min(pptx_blocks.fit_size(column, width, box.h, 24, ctx.floor(24)) or 24
               for column in (items[:half], items[half:]))
    _agenda_column(ctx, bodies[0].text_frame, items[:half], size)
    _agenda_column(ctx, second.text_frame, items[half:], size)


def _agenda_lines(tp: TailoredPack) -> list[Line]:
    """Return one line per part of the day: its clock time, then what it is.

    Easy-read decks show the 12-hour time rounded to 5 minutes and no lengths
    (``10:30am  Welcome``); standard decks the 24-hour time and the minutes.
    """
    easy, _ = is_easy_read(tp), words(tp.language)
    return [Line((Span(clock_for(tp, e.start), bold=True),
                  Span(f"\t{e.title}" if easy else
                       "\t" + _("{title} ({n}\u00a0min)", title=e.title, n=e.minutes))))
            for e in tp.timetable.entries]


def _agenda_column(ctx: Ctx, frame: Any, items: list[Line], size: int) -> None:
    frame.word_wrap = True
    pptx_blocks.write_lines(frame, items, ctx.lang, size)
    tab = EASY_TAB_EMU if is_easy_read(ctx.tp) else TAB_EMU
    for paragraph in frame.paragraphs:
        elements.set_tab_stop(paragraph, tab, hanging=True)


def _agenda_rows(height_emu: int) -> Callable[[int], int]:
    """Return how many one-line agenda entries fit the body at a given size."""
    return lambda size: int((height_emu / 12700 - 14) // (size * 1.2 + 8))


def _section(ctx: Ctx, slide: Any, planned: PlannedSlide) -> None:
    if planned.slide is not None:
        _write_blocks(ctx, slide, planned.slide.blocks, 28)
        return
    when, *aim = section_lines(ctx.tp, planned) or ("",)
    _write_first(ctx, slide, [Line((Span(when, bold=True),))]
                 + [Line((Span(t),)) for t in aim], 28)


def _content(ctx: Ctx, slide: Any, planned: PlannedSlide) -> None:
    _write_blocks(ctx, slide, planned.slide.blocks)


def _statement(ctx: Ctx, slide: Any, planned: PlannedSlide) -> None:
    _write_blocks(ctx, slide, planned.slide.blocks, STATEMENT_PT)


def _break(ctx: Ctx, slide: Any, planned: PlannedSlide) -> None:
    if planned.entry is None:
        return
    length, back = break_lines(ctx.tp, planned.entry)
    _write_first(ctx, slide, [Line((Span(length),)), Line((Span(back, bold=True),))], BREAK_PT)


def _quote(ctx: Ctx, slide: Any, planned: PlannedSlide) -> None:
    blocks = planned.slide.blocks
    inner = blocks[0].blocks if len(blocks) == 1 and isinstance(blocks[0], Quote) else blocks
    _write_blocks(ctx, slide, inner, QUOTE_PT, anchor="t")


def _picture(ctx: Ctx, slide: Any, planned: PlannedSlide) -> None:
    """Place the slide's pictures in its picture area; a lone figure on a layout with a picture
    placeholder and a text one (``Picture with Caption``) has its caption in the text one."""
    pictures, bodies = placeholders(slide, "picture"), placeholders(slide, "body")
    images = [b for b in planned.slide.blocks if isinstance(b, Image)]
    if pictures and bodies and len(images) == 1 and images[0].figure and images[0].caption:
        _captioned_picture(ctx, slide, images[0], pictures, bodies[0])
        return
    holders = pictures + bodies
    box = ctx.box(slide, holders[0]) if holders else ctx.area
    for holder in holders:
        media.remove_shape(holder)
    media.stack_media(slide, images, box, ctx.root, ctx.lang)


def _captioned_picture(ctx: Ctx, slide: Any, image: Image, pictures: list[Any],
                       caption: Any) -> None:
    box = ctx.box(slide, pictures[0])
    for holder in pictures:
        media.remove_shape(holder)
    media.add_picture(slide, image, ctx.root, box)
    pptx_blocks.write_text(caption.text_frame, image.caption, ctx.lang)


def _table(ctx: Ctx, slide: Any, planned: PlannedSlide) -> None:
    bodies = placeholders(slide, "body")
    box = ctx.box(slide, bodies[0]) if bodies else ctx.area
    media.fill_area(slide, planned.slide.blocks, box, bodies[0] if bodies else None,
                    ctx.root, ctx.lang)


def _columns(ctx: Ctx, slide: Any, planned: PlannedSlide) -> None:
    groups = _column_groups(planned.slide.blocks)
    bodies = placeholders(slide, "body")
    boxes = _column_boxes([ctx.box(slide, b) for b in bodies], len(groups))
    holders = [bodies[i] if i < len(bodies) else None for i in range(len(groups))]
    chosen = [media.choose_for(slide, h, box, group)
              for h, box, group in zip(holders, boxes, groups)]
    found = [c for c in chosen if c is not None]
    shared = min(found, key=lambda c: (c.size, c.before), default=None)
    tallest = max((c.height_pt for c in found), default=0.0)
    for number, (group, box, holder) in enumerate(zip(groups, boxes, holders), start=1):
        shape = media.fill_area(slide, group, _centred_top(box, tallest), holder, ctx.root,
                                ctx.lang, anchor="t", setting=shared)
        name = _column_text_name(number, group)
        if shape is not None and name:
            shape.name = name


def _column_text_name(number: int, group: tuple[Block, ...]) -> str:
    """Return the name of a column's text shape where packgen shows text Pandoc's PowerPoint
    writer leaves out (``Column 3 text``, ``Column 2 text below the picture``; PG168, PG169),
    so that the selection pane says what it is; "" keeps the template's name."""
    if media.media_first(group):
        first = next(b for b in group if pptx_blocks.is_media(b))
        below = "table" if isinstance(first, Table) else "picture"
        return f"Column {number} text below the {below}"
    return f"Column {number} text" if number > 2 else ""


def _activity(ctx: Ctx, slide: Any, planned: PlannedSlide) -> None:
    """Show the task (its short steps or questions) with the time and grouping beside it."""
    activity = planned.slide.activity
    meta_lines = [Line((Span(minutes_said(activity.minutes, ctx.lang), bold=True),))]
    meta_lines += [Line((Span(group_label(activity)),))] if activity.group else []
    bodies = placeholders(slide, "body")
    task = activity_task(activity) or planned.slide.blocks
    if len(bodies) > 1:
        box = ctx.box(slide, bodies[1])
        size = fit.size_or_base(slide, bodies[1], pptx_blocks.fit_size(
            meta_lines, box.w, box.h, 28), 28)
        pptx_blocks.write_lines(bodies[1].text_frame, meta_lines, ctx.lang, size)
    else:
        summary = " \u00b7 ".join(plain(line.text) for line in meta_lines)
        task = (Paragraph((Span(summary, bold=True),), activity.loc), *task)
    _write_blocks(ctx, slide, task, anchor="t")


def _diagram(ctx: Ctx, slide: Any, planned: PlannedSlide) -> None:
    text = pptx_blocks.lines([b for b in planned.slide.blocks if pptx_blocks.is_text(b)])
    box = ctx.area
    if text:
        top = Box(box.x, box.y, box.w, box.h // 3)
        shape = slide.shapes.add_textbox(top.x, top.y, top.w, top.h)
        shape.text_frame.word_wrap = True
        chosen = media.write_fitted(slide, shape, top, text, ctx.lang, 28, "t")
        height = min(int(chosen.height_pt / fit.ROOM * 12700) + 91440, top.h)
        shape.height = height
        box = Box(box.x, box.y + height, box.w, box.h - height)
    spaces = ctx.tp.project.spaces
    diagram = next(b for b in planned.slide.blocks if isinstance(b, SpacesDiagram))
    unknown = [h for h in diagram.highlight if h not in {s.id for s in spaces}]
    if unknown:
        raise PackgenError(f"no space '{unknown[0]}' to highlight (spaces in the model: "
                           f"{', '.join(s.id for s in spaces)})", diagram.loc.path,
                           diagram.loc.line, UNKNOWN_SPACE)
    draw = spaces_diagram.draw_easy_spaces if is_easy_read(ctx.tp) else spaces_diagram.draw_spaces
    draw(slide, spaces, ctx.tp.project.theme, box, ctx.lang, diagram.highlight)


def _easy_read(ctx: Ctx, slide: Any, planned: PlannedSlide) -> None:
    """Place the row's picture in the picture placeholder (else a content one beside the
    text's body) and its sentences, fitted and centred, in the body."""
    row = planned.row
    pictures = picture_holders(slide)
    if row.image is not None:
        box = ctx.box(slide, pictures[0]) if pictures else Box(ctx.area.x, ctx.area.y, SIDE, SIDE)
        media.add_picture(slide, row.image, ctx.root, box, honour_width=False)
    for holder in pictures:
        media.remove_shape(holder)
    body = placeholders(slide, "body")[0]
    box = ctx.box(slide, body)
    items = [Line(sentence) for sentence in row.sentences]
    media.write_fitted(slide, body, box, items, ctx.lang, EASY_MOST, "ctr",
                       least=EASY_LEAST)


def _closing(ctx: Ctx, slide: Any, planned: PlannedSlide) -> None:
    """Say thank you with the contact details; a thank-you taken over from the content
    (its questions, or an easy-read row's picture and sentences) goes first."""
    pack = ctx.tp.pack
    contact = [pack.contact.get(k, "") for k in ("name", "phone", "email")]
    details = [pack.organisation, *contact] if any(contact) else [
        pack.organisation, join_names(pack.facilitators, ctx.lang)]
    detail_lines = [Line((Span(t),)) for t in details if t]
    own = _closing_content(ctx, slide, planned)
    bodies = placeholders(slide, "body")
    if not own:
        _write_first(ctx, slide, detail_lines, 28)
    elif len(bodies) > 1:
        _fill_body(ctx, slide, bodies[0], own, 32 if planned.row is not None else 28)
        _fill_body(ctx, slide, bodies[1], detail_lines, 24)
    else:
        _write_first(ctx, slide, own + detail_lines, 28)


def _closing_content(ctx: Ctx, slide: Any, planned: PlannedSlide) -> list[Line]:
    """Return the lines of the content's own thank-you, placing an easy-read row's picture."""
    if planned.slide is not None:
        return pptx_blocks.lines(planned.slide.blocks)
    row = planned.row
    if row is None:
        return []
    bodies = placeholders(slide, "body")
    if row.image is not None and bodies:
        box = ctx.box(slide, bodies[0])
        side = min(box.h, CLOSING_PICTURE)
        media.add_picture(slide, row.image, ctx.root, Box(box.x, box.y, side, side),
                          honour_width=False)
        shift = side + media.GAP
        bodies[0].left, bodies[0].top = box.x + shift, box.y
        bodies[0].width, bodies[0].height = box.w - shift, box.h
    return [Line(sentence) for sentence in row.sentences]


def _fill_body(ctx: Ctx, slide: Any, body: Any, items: list[Line], base: int) -> None:
    box = ctx.box(slide, body)
    size = fit.size_or_base(slide, body, pptx_blocks.fit_size(items, box.w, box.h, base), base)
    pptx_blocks.write_lines(body.text_frame, items, ctx.lang, size)


def _write_first(ctx: Ctx, slide: Any, items: list[Line], base: int) -> None:
    bodies = placeholders(slide, "body")
    if bodies:
        _fill_body(ctx, slide, bodies[0], items, base)


def _write_blocks(ctx: Ctx, slide: Any, blocks: tuple[Block, ...], most: int | None = None,
                  anchor: str = media.ANCHOR) -> None:
    bodies = placeholders(slide, "body")
    holder = bodies[0] if bodies else None
    box = ctx.box(slide, holder) if holder is not None else ctx.area
    media.fill_area(slide, blocks, box, holder, ctx.root, ctx.lang, most, anchor)


def _centred_top(box: Box, text_pt: float) -> Box:
    """Return ``box`` with its top moved down so text ``text_pt`` tall sits in its middle:
    columns of different lengths then start on one line, the tallest centred."""
    drop = max(int((box.h - text_pt / fit.ROOM * 12700) // 2), 0)
    return Box(box.x, box.y + drop, box.w, box.h - drop)


def _column_groups(blocks: tuple[Block, ...]) -> list[tuple[Block, ...]]:
    index = next(i for i, b in enumerate(blocks) if isinstance(b, Columns))
    groups = [tuple(col) for col in blocks[index].columns] or [()]
    groups[0] = tuple(blocks[:index]) + groups[0]
    groups[-1] = groups[-1] + tuple(b for b in blocks[index + 1:])
    return groups


def _column_boxes(boxes: list[Box], count: int) -> list[Box]:
    if len(boxes) == count:
        return boxes
    left = min(b.x for b in boxes)
    right = max(b.x + b.w for b in boxes)
    gap = media.GAP
    width = (right - left - gap * (count - 1)) // count
    top, height = boxes[0].y, boxes[0].h
    return [Box(left + i * (width + gap), top, width, height) for i in range(count)]


_ROLE_OF_TYPE = {kind.xml_value: role for kind, role in ROLES.items() if kind.xml_value}
"""Placeholder type as the XML spells it (``subTitle``) to the role packgen fills."""

RENDERERS: dict[str, Callable[[Ctx, Any, PlannedSlide], None]] = {
    "title": _title, "agenda": _agenda, "section": _section, "content": _content,
    "statement": _statement, "columns": _columns, "picture": _picture, "quote": _quote,
    "table": _table, "activity": _activity, "easy-read": _easy_read, "diagram": _diagram,
    "break": _break, "closing": _closing,
}
"""Slide kind to the function that fills its slide."""
