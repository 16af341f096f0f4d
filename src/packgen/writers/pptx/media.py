"""Place pictures and tables on slides, and share an area between text and media."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from packgen import paths
from packgen.errors import PackgenError
from packgen.model import Block, Image, Table, plain
from packgen.rules.fontmetrics import lines_needed
from packgen.safety import check_image_file, office_picture
from packgen.writers.pptx import blocks as pptx_blocks
from packgen.writers.pptx import fit
from packgen.writers.pptx.oxml import elements, style

UNSUPPORTED_PICTURE = "PG130"

EMU_IN = 914400
GAP = int(0.3 * EMU_IN)
INSET = 91440
"""A text frame's default left inset: tables line up with the text above them."""
TABLE_PT = 20
TABLE_LARGE_PT = 24
CELL_MARGIN_PT = 8
ROW_MAX_EMU = int(0.9 * EMU_IN)
CAPTION_PT = 18
ROW_EMU = int(0.6 * EMU_IN)
UNITS = {"in": EMU_IN, "cm": 360000, "mm": 36000, "px": EMU_IN / 96, "pt": 12700}
ANCHOR = "ctr"
"""Where body text sits in its area: the top (``t``) or the middle (``ctr``)."""
ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on the slide, in EMU."""

    x: int
    y: int
    w: int
    h: int

    @classmethod
    def of(cls, shape: Any) -> Box:
        """Return the box a shape or placeholder occupies."""
        return cls(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


def width_emu(spec: str | None, area_width: int) -> int | None:
    """Return an image width as written (``40%``, ``8cm``, ``3in``, ``300px``) in EMU."""
    match = re.fullmatch(r"\s*([\d.]+)\s*(%|in|cm|mm|px|pt)?\s*", spec or "")
    if not match:
        return None
    value, unit = float(match.group(1)), match.group(2) or "px"
    if unit == "%":
        return int(area_width * min(value, 100) / 100)
    return int(value * UNITS[unit])


def add_picture(slide: Any, image: Image, root: Path, box: Box, honour_width: bool = True,
                centre: bool = True) -> Any:
    """Add ``image`` inside ``box`` (its width honoured, aspect kept); set its alt text."""
    path = paths.contained(root, root / image.src, image.loc.path, image.loc.line)
    px_w, px_h = picture_size(path, image)
    width = (width_emu(image.width, box.w) if honour_width else None) or box.w
    width = min(width, box.w)
    height = int(width * px_h / max(px_w, 1))
    if height > box.h:
        height, width = box.h, int(box.h * px_w / max(px_h, 1))
    x = box.x + (box.w - width) // 2 if centre else box.x
    y = box.y + (box.h - height) // 2 if centre else box.y
    picture = slide.shapes.add_picture(office_picture(path), Emu(x), Emu(y), Emu(width),
                                       Emu(height))
    if image.decorative:
        elements.mark_decorative(picture)
    else:
        elements.set_alt_text(picture, image.alt)
    return picture


def picture_size(path: Path, image: Image) -> tuple[int, int]:
    """Return a picture's size in pixels; a file that is no picture is a PackgenError."""
    check_image_file(path, image.loc.path, image.loc.line)
    try:
        return elements.picture_pixels(str(path))
    except (OSError, ValueError, SyntaxError):
        raise PackgenError(f"{image.src} is not a picture the deck can use (PNG, JPEG, GIF, "
                           "BMP or TIFF)", image.loc.path, image.loc.line,
                           UNSUPPORTED_PICTURE) from None


def add_table(slide: Any, table: Table, box: Box, lang: str) -> Any:
    """Add ``table`` in ``box`` with its header row marked, centred in the box's height.

    Text is 24 pt when every cell fits its column in two lines at that size, else 20 pt;
    rows share the height, up to ``ROW_MAX_EMU`` each.
    """
    rows, cols = len(table.rows) + 1, max(len(table.header), 1)
    size = table_size(table, (box.w - 2 * INSET) // cols)
    row_h = max(min(box.h // rows, ROW_MAX_EMU), ROW_EMU if box.h >= ROW_EMU * rows else 0)
    height = min(row_h * rows, box.h)
    frame = slide.shapes.add_table(rows, cols, Emu(box.x + INSET),
                                   Emu(box.y + (box.h - height) // 2),
                                   Emu(box.w - 2 * INSET), Emu(height))
    frame.name = "Table"
    grid = frame.table
    grid.first_row = True
    for r, row in enumerate((table.header, *table.rows)):
        grid.rows[r].height = Emu(height // rows)
        for c in range(cols):
            cell = grid.cell(r, c)
            _fill_cell(cell, row[c] if c < len(row) else (), lang,
                       table.align[c] if c < len(table.align) else None, size)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            if r == 0:
                for run in cell.text_frame.paragraphs[0].runs:
                    run.font.bold = True
    return frame


def table_size(table: Table, column_emu: int) -> int:
    """Return the table's text size: ``TABLE_LARGE_PT`` when every cell fits two lines."""
    width = (column_emu - 2 * 12700 * CELL_MARGIN_PT) / 12700
    cells = [plain(cell) for row in (table.header, *table.rows) for cell in row]
    fits = all(lines_needed(text, width, TABLE_LARGE_PT) <= 2 for text in cells)
    return TABLE_LARGE_PT if fits else TABLE_PT


def fill_area(slide: Any, blocks: tuple[Block, ...], box: Box, holder: Any | None,
              root: Path, lang: str, most: int | None = None, anchor: str = ANCHOR,
              setting: fit.Setting | None = None) -> None:
    """Lay ``blocks`` out in ``box``: text in ``holder`` (or a new text box), media beside it.

    Pictures sit to the right of the text on a wide area and below it on a narrow one; tables
    always go below the text. With no text, the media share the whole area. The text's size
    and spacing come from ``fit.choose`` (at most ``most`` points) unless ``setting`` is
    given; text alone sits at ``anchor`` in the area.
    """
    media = [b for b in blocks if pptx_blocks.is_media(b)]
    text = pptx_blocks.lines([b for b in blocks if pptx_blocks.is_text(b)])
    if not text and media:
        remove_shape(holder)
        stack_media(slide, media, box, root, lang)
        return
    holder = holder if holder is not None else _new_text_box(slide, box)
    if not media:
        write_fitted(slide, holder, box, text, lang, most, anchor, setting)
        return
    side = box.w > 7 * EMU_IN and all(isinstance(m, Image) for m in media)
    if side:
        text_box, media_box = _split_side(box, media)
    else:
        text_box, media_box = _split_below(slide, holder, box, text, most)
    write_fitted(slide, holder, text_box, text, lang, most, "t" if not side else "ctr")
    stack_media(slide, media, media_box, root, lang)


def write_fitted(slide: Any, holder: Any, box: Box, text: list[pptx_blocks.Line], lang: str,
                 most: int | None = None, anchor: str = ANCHOR,
                 setting: fit.Setting | None = None, least: int = fit.FLOOR) -> fit.Setting:
    """Move ``holder`` to ``box`` and write ``text`` at the size that fills it best.

    ``setting`` forces a size chosen elsewhere (columns share one); return the one used.
    """
    holder.left, holder.top, holder.width, holder.height = box.x, box.y, box.w, box.h
    frame = fit.Frame.of(slide, holder, box.w, box.h)
    chosen = setting or fit.choose(text, frame, most, least)
    pptx_blocks.write_lines(holder.text_frame, text, lang, chosen.size, chosen.nested)
    fit.apply(holder.text_frame, chosen)
    style.set_anchor(holder.text_frame, anchor)
    return chosen


def choose_for(slide: Any, holder: Any | None, box: Box, blocks: tuple[Block, ...],
               most: int | None = None) -> fit.Setting | None:
    """Return the setting ``fill_area`` would give the text of ``blocks`` alone in ``box``."""
    text = pptx_blocks.lines([b for b in blocks if pptx_blocks.is_text(b)])
    if not text or any(pptx_blocks.is_media(b) for b in blocks):
        return None
    shape = holder if holder is not None else _new_text_box(slide, box)
    chosen = fit.choose(text, fit.Frame.of(slide, shape, box.w, box.h), most)
    if holder is None:
        remove_shape(shape)
    return chosen


def _new_text_box(slide: Any, box: Box) -> Any:
    shape = slide.shapes.add_textbox(Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
    shape.text_frame.word_wrap = True
    return shape


def _split_side(box: Box, media: list[Block]) -> tuple[Box, Box]:
    first = media[0]
    wanted = width_emu(first.width, box.w) if isinstance(first, Image) else None
    media_w = min(wanted or int(box.w * 0.45), int(box.w * 0.6))
    text_w = box.w - media_w - GAP
    return (Box(box.x, box.y, text_w, box.h),
            Box(box.x + text_w + GAP, box.y, media_w, box.h))


def _split_below(slide: Any, holder: Any, box: Box, text: list[pptx_blocks.Line],
                 most: int | None) -> tuple[Box, Box]:
    half = Box(box.x, box.y, box.w, box.h // 2)
    frame = fit.Frame.of(slide, holder, half.w, half.h)
    chosen = fit.choose(text, frame, min(most or fit.LADDER[1], fit.LADDER[1]))
    text_h = min(int(chosen.height_pt / fit.ROOM * 12700) + half.h - frame.height, half.h)
    return (Box(box.x, box.y, box.w, text_h),
            Box(box.x, box.y + text_h + GAP // 2, box.w, box.h - text_h - GAP // 2))


def stack_media(slide: Any, media: list[Block], box: Box, root: Path, lang: str) -> None:
    share = (box.h - GAP * (len(media) - 1)) // max(len(media), 1)
    y = box.y
    for block in media:
        cell = Box(box.x, y, box.w, share)
        if isinstance(block, Table):
            add_table(slide, block, cell, lang)
        elif block.caption:
            caption_h = int(0.5 * EMU_IN)
            add_picture(slide, block, root, Box(cell.x, cell.y, cell.w, cell.h - caption_h))
            _add_caption(slide, block.caption, Box(cell.x, cell.y + cell.h - caption_h, cell.w,
                                                   caption_h), lang)
        else:
            add_picture(slide, block, root, cell)
        y += share + GAP


def _add_caption(slide: Any, text: str, box: Box, lang: str) -> None:
    frame = slide.shapes.add_textbox(Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h)).text_frame
    frame.word_wrap = True
    pptx_blocks.write_text(frame, text, lang, CAPTION_PT)
    frame.paragraphs[0].alignment = PP_ALIGN.CENTER


def remove_shape(shape: Any | None) -> None:
    """Delete ``shape`` from its slide; None is left alone."""
    if shape is not None:
        elements.remove_shape(shape)


def _fill_cell(cell: Any, text: tuple, lang: str, align: str | None, size: int) -> None:
    frame = cell.text_frame
    frame.clear()
    paragraph = frame.paragraphs[0]
    pptx_blocks.write_spans(paragraph, text, lang, size)
    if align in ALIGN:
        paragraph.alignment = ALIGN[align]
    cell.margin_left = cell.margin_right = Pt(CELL_MARGIN_PT)
