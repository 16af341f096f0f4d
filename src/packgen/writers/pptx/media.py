"""Place pictures and tables on slides, and share an area between text and media."""

from __future__ import annotations

import io
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
from packgen.safety import check_image_file, check_svg_file, link_allowed, office_picture
from packgen.writers.pdf.engine import svg_picture_png
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
CAPTION_LINES = 2
"""Lines a caption may take before its text box stops growing (longer text still shows)."""
CAPTION_GAP = int(0.08 * EMU_IN)
CAPTION_INSET = int(0.03 * EMU_IN)
EMU_PT = 12700
SVG_MAX_PX = 2400
"""Widest PNG drawn for an SVG picture, in pixels."""
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
    """Add ``image`` inside ``box`` (its width honoured, aspect kept); set its alt text and any
    link. An SVG is stored as PowerPoint stores one: a PNG drawn for ``box``, and the SVG."""
    picture = _Picture.of(image, root, box)
    width, height = picture.fitted(image, box, honour_width)
    x = box.x + (box.w - width) // 2 if centre else box.x
    y = box.y + (box.h - height) // 2 if centre else box.y
    return picture.add(slide, image, Box(x, y, width, height))


@dataclass(frozen=True, slots=True)
class _Picture:
    """A picture file ready to place: what python-pptx embeds, its pixels, any SVG behind it."""

    source: Any
    """A path, or the PNG drawn from an SVG as a stream."""
    pixels: tuple[int, int]
    svg: bytes | None = None

    @classmethod
    def of(cls, image: Image, root: Path, box: Box) -> _Picture:
        """Return the picture of ``image``; an SVG is drawn as a PNG twice ``box``'s width."""
        path = paths.contained(root, root / image.src, image.loc.path, image.loc.line)
        if path.suffix.lower() != ".svg":
            return cls(office_picture(path), picture_size(path, image))
        svg = check_svg_file(path, image.loc.path, image.loc.line)
        png = svg_picture_png(svg, box.w / EMU_PT, _svg_ppi(box.w / EMU_PT), image.loc.path,
                              image.loc.line)
        return cls(io.BytesIO(png), elements.picture_pixels(io.BytesIO(png)), svg)

    def fitted(self, image: Image, box: Box, honour_width: bool = True) -> tuple[int, int]:
        """Return the picture's width and height in ``box``: its written width, aspect kept."""
        px_w, px_h = self.pixels
        width = (width_emu(image.width, box.w) if honour_width else None) or box.w
        width = min(width, box.w)
        height = int(width * px_h / max(px_w, 1))
        if height > box.h:
            height, width = box.h, int(box.h * px_w / max(px_h, 1))
        return width, height

    def add(self, slide: Any, image: Image, at: Box) -> Any:
        """Add the picture at ``at`` with its alt text (or decorative mark) and link."""
        picture = slide.shapes.add_picture(self.source, Emu(at.x), Emu(at.y), Emu(at.w),
                                           Emu(at.h))
        if self.svg is not None:
            elements.add_svg(picture, self.svg)
        if image.decorative:
            elements.mark_decorative(picture)
        else:
            elements.set_alt_text(picture, image.alt)
        if image.link and link_allowed(image.link):
            picture.click_action.hyperlink.address = image.link
        return picture


def _svg_ppi(width_pt: float) -> float:
    """Return the resolution that draws ``width_pt`` points at twice the size, at most
    ``SVG_MAX_PX`` pixels wide."""
    return min(144.0, SVG_MAX_PX * 72 / max(width_pt, 1.0))


def picture_size(path: Path, image: Image) -> tuple[int, int]:
    """Return a picture's size in pixels; a file that is no picture is a PackgenError."""
    check_image_file(path, image.loc.path, image.loc.line)
    try:
        return elements.picture_pixels(str(path))
    except (OSError, ValueError, SyntaxError):
        raise PackgenError(f"{image.src} is not a picture the deck can use (PNG, JPEG, GIF, "
                           "BMP, TIFF or SVG)", image.loc.path, image.loc.line,
                           UNSUPPORTED_PICTURE) from None


def add_table(slide: Any, table: Table, box: Box, lang: str) -> Any:
    """Add ``table`` in ``box`` with its header row marked, centred in the box's height.

    Text is 24 pt when every cell fits its column in two lines at that size, else 20 pt;
    rows share the height, up to ``ROW_MAX_EMU`` each. A table without a header row has no
    first-row styling. A caption goes in a text box under the table, as Pandoc places it.
    """
    if table.caption:
        caption_h = int(0.5 * EMU_IN)
        box = Box(box.x, box.y, box.w, box.h - caption_h)
        _add_caption(slide, plain(table.caption), Box(box.x, box.y + box.h, box.w, caption_h),
                     lang)
    grid_rows = (table.header, *table.rows) if table.has_header else table.rows
    rows, cols = len(grid_rows), max(table.width, 1)
    size = table_size(table, (box.w - 2 * INSET) // cols)
    row_h = max(min(box.h // rows, ROW_MAX_EMU), ROW_EMU if box.h >= ROW_EMU * rows else 0)
    height = min(row_h * rows, box.h)
    frame = slide.shapes.add_table(rows, cols, Emu(box.x + INSET),
                                   Emu(box.y + (box.h - height) // 2),
                                   Emu(box.w - 2 * INSET), Emu(height))
    frame.name = "Table"
    grid = frame.table
    grid.first_row = table.has_header
    for r, row in enumerate(grid_rows):
        grid.rows[r].height = Emu(height // rows)
        for c in range(cols):
            cell = grid.cell(r, c)
            _fill_cell(cell, row[c] if c < len(row) else (), lang,
                       table.align[c] if c < len(table.align) else None, size)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            if r == 0 and table.has_header:
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
              setting: fit.Setting | None = None) -> Any | None:
    """Lay ``blocks`` out in ``box``: text in ``holder`` (or a new text box), media beside it;
    return the shape holding the text (None without text).

    Pictures sit to the right of the text on a wide area and below it on a narrow one; tables
    always go below the text, unless the blocks start with their media (a picture and the
    source line written after it): then the text goes below the media. With no text, the
    media share the whole area. The text's size
    and spacing come from ``fit.choose`` (at most ``most`` points) unless ``setting`` is
    given; text alone sits at ``anchor`` in the area.
    """
    media = [b for b in blocks if pptx_blocks.is_media(b)]
    text = pptx_blocks.lines([b for b in blocks if pptx_blocks.is_text(b)])
    if not text and media:
        remove_shape(holder)
        stack_media(slide, media, box, root, lang)
        return None
    holder = holder if holder is not None else _new_text_box(slide, box)
    if not media:
        write_fitted(slide, holder, box, text, lang, most, anchor, setting)
        return holder
    side = box.w > 7 * EMU_IN and all(isinstance(m, Image) for m in media)
    if side:
        text_box, media_box = _split_side(box, media)
    else:
        text_box, media_box = _split_below(slide, holder, box, text, most)
        if media_first(blocks):
            text_box, media_box = _text_under(box, text_box)
    write_fitted(slide, holder, text_box, text, lang, most, "t" if not side else "ctr")
    stack_media(slide, media, media_box, root, lang)
    return holder


def media_first(blocks: tuple[Block, ...]) -> bool:
    """Return True when a picture or table comes before any text in ``blocks``."""
    shown = [b for b in blocks if pptx_blocks.is_media(b) or pptx_blocks.is_text(b)]
    return bool(shown) and pptx_blocks.is_media(shown[0])


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


def _text_under(box: Box, text_box: Box) -> tuple[Box, Box]:
    """Return the boxes of ``_split_below`` turned over: the media on top, the text (as tall
    as before) at the foot of ``box``."""
    media_h = box.h - text_box.h - GAP // 2
    return (Box(box.x, box.y + media_h + GAP // 2, box.w, text_box.h),
            Box(box.x, box.y, box.w, media_h))


def stack_media(slide: Any, media: list[Block], box: Box, root: Path, lang: str) -> None:
    """Share ``box`` between ``media``: pictures side by side on a wide area, else one
    under another; a picture with a caption has it just below, the two centred together
    (side by side, the captions share one line)."""
    count = max(len(media), 1)
    across = count > 1 and all(isinstance(m, Image) for m in media) and box.w > 2 * box.h
    if across:
        share = (box.w - GAP * (count - 1)) // count
        cells = [Box(box.x + i * (share + GAP), box.y, share, box.h) for i in range(count)]
    else:
        share = (box.h - GAP * (count - 1)) // count
        cells = [Box(box.x, box.y + i * (share + GAP), box.w, share) for i in range(count)]
    band = _row_band(media, cells, root) if across else None
    for block, cell in zip(media, cells):
        if isinstance(block, Table):
            add_table(slide, block, cell, lang)
        elif block.caption and block.figure:
            add_captioned(slide, block, root, cell, lang, band)
        elif block.caption:
            _add_caption_strip(slide, block, root, cell, lang)
        else:
            add_picture(slide, block, root, cell)


def add_captioned(slide: Any, image: Image, root: Path, box: Box, lang: str,
                  band: int | None = None) -> Any:
    """Add ``image`` with its caption right under it (``CAPTION_PT``, centred, up to
    ``CAPTION_LINES`` lines), the pair centred in ``box``; return the picture.

    ``band`` is the height of the tallest picture of a row: the picture is centred in it and
    the caption goes under it, so captions side by side share a line."""
    room = _caption_room(image, box)
    picture = _Picture.of(image, root, room)
    width, height = picture.fitted(image, room)
    band = max(band or height, height)
    caption_h = _caption_height(image.caption, box.w)
    top = box.y + max((box.h - band - CAPTION_GAP - caption_h) // 2, 0)
    at = Box(box.x + (box.w - width) // 2, top + (band - height) // 2, width, height)
    shape = picture.add(slide, image, at)
    _add_caption(slide, image.caption, Box(box.x, top + band + CAPTION_GAP, box.w,
                                           caption_h), lang)
    return shape


def _add_caption_strip(slide: Any, image: Image, root: Path, box: Box, lang: str) -> None:
    """Add ``image`` with its caption in a strip at the foot of ``box`` (alt-only pictures)."""
    strip = int(0.5 * EMU_IN)
    add_picture(slide, image, root, Box(box.x, box.y, box.w, box.h - strip))
    frame = slide.shapes.add_textbox(Emu(box.x), Emu(box.y + box.h - strip), Emu(box.w),
                                     Emu(strip)).text_frame
    frame.word_wrap = True
    pptx_blocks.write_text(frame, image.caption, lang, CAPTION_PT)
    frame.paragraphs[0].alignment = PP_ALIGN.CENTER


def _caption_room(image: Image, box: Box) -> Box:
    """Return the part of ``box`` left for a captioned picture, above its caption."""
    caption_h = _caption_height(image.caption, box.w)
    return Box(box.x, box.y, box.w, max(box.h - caption_h - CAPTION_GAP, box.h // 2))


def _row_band(media: list[Block], cells: list[Box], root: Path) -> int:
    """Return the height of the tallest captioned picture of a row, as placed in its cell."""
    heights = [_Picture.of(m, root, _caption_room(m, c)).fitted(m, _caption_room(m, c))[1]
               for m, c in zip(media, cells) if isinstance(m, Image) and m.caption and m.figure]
    return max(heights, default=0)


def _caption_height(text: str, width: int) -> int:
    lines = min(lines_needed(text, (width - 2 * INSET) / EMU_PT, CAPTION_PT), CAPTION_LINES)
    return int(max(lines, 1) * CAPTION_PT * 1.2 * EMU_PT) + 2 * CAPTION_INSET


def _add_caption(slide: Any, text: str, box: Box, lang: str) -> None:
    shape = slide.shapes.add_textbox(Emu(box.x), Emu(box.y), Emu(box.w), Emu(box.h))
    shape.name = "Caption"
    frame = shape.text_frame
    frame.word_wrap = True
    frame.margin_top = frame.margin_bottom = Emu(CAPTION_INSET)
    pptx_blocks.write_text(frame, text, lang, CAPTION_PT)
    frame.paragraphs[0].alignment = PP_ALIGN.CENTER
    style.set_anchor(frame, "t")


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
