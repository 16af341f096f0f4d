"""Write model blocks into PowerPoint text frames: paragraphs, nested lists, emphasis, links."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pptx.util import Pt

from packgen.errors import BlockTable
from packgen.model import (
    Activity,
    Block,
    Columns,
    Conditional,
    Image,
    ListBlock,
    Paragraph,
    Quote,
    SpacesDiagram,
    Span,
    Table,
    Text,
    plain,
)
from packgen.safety import link_allowed
from packgen.texmath.linear import linear
from packgen.writers.pptx.oxml import equations as oxml_math
from packgen.writers.pptx.oxml import text as text_xml

MIN_BODY_PT = 24
MIN_TITLE_PT = 36
QUOTE_MARGIN = 457200
SUB_BASELINE, SUP_BASELINE = "-25000", "30000"
"""Baseline shifts in thousandths of a percent, as PowerPoint's own sub/superscript."""
HIGHLIGHT = "FFFF00"
"""The colour behind ``[text]{.mark}`` (PowerPoint's yellow text highlight)."""


@dataclass(frozen=True, slots=True)
class Line:
    """One paragraph to write: its text, list level (None for plain text) and numbering."""

    text: Text
    level: int | None = None
    ordered: bool = False
    start: int = 1
    indent: bool = False


def lines(blocks: Iterable[Block], notes: bool = False) -> list[Line]:
    """Return the paragraphs of ``blocks`` in reading order (pictures and diagrams skipped)."""
    return [line for block in blocks for line in _block_lines(block, notes)]


def is_text(block: Block) -> bool:
    """Return True for blocks that become paragraphs in a text frame."""
    return PLACES[type(block)] == "text"


def is_media(block: Block) -> bool:
    """Return True for blocks placed beside or below the text: pictures and tables."""
    return PLACES[type(block)] == "media"


def write_lines(frame: Any, items: list[Line], lang: str, size: int | None = None,
                nested: int | None = None, equations: bool = True) -> None:
    """Fill ``frame`` with ``items`` (replacing its text), tagging every run with ``lang``.

    Runs are ``size`` points (nested list items ``nested``, when given); None keeps the
    template's size. ``equations=False`` writes each equation as plain text (notes pages:
    PowerPoint cannot open a notes page holding an equation).
    """
    frame.clear()
    body = text_xml.text_body(frame)
    first = text_xml.first_paragraph(body)
    for i, item in enumerate(items or [Line(())]):
        p = first if i == 0 else text_xml.new_paragraph(body)
        run_size = nested if item.level and nested else size
        _format_paragraph(p, item, run_size)
        if any((span.link or span.note) and not span.math for span in item.text):
            write_spans(text_xml.paragraph_for(p, frame), item.text, lang, run_size)
            continue
        if _is_code_block(item.text):
            _write_code(p, item.text, lang, run_size)
            text_xml.end_lang(p, lang)
            continue
        for span in _merge_breaks(item.text):
            if span.math and equations:
                oxml_math.add_math(p, span.text, span.math == "display", lang, run_size)
            elif span.math:
                text_xml.add_run(p, linear(span.text), lang, span.bold, span.italic, run_size)
            else:
                text_xml.add_run(p, span.text, lang, span.bold, span.italic, run_size,
                                 run_styles(span), HIGHLIGHT if span.mark else None)
        text_xml.end_lang(p, lang)


def write_text(frame: Any, text: str, lang: str, size: int | None = None) -> None:
    """Fill ``frame`` with plain ``text``, one paragraph per line."""
    write_lines(frame, [Line((Span(t),)) for t in text.split("\n")], lang, size)


def write_spans(paragraph: Any, text: Text, lang: str, size: int | None = None) -> None:
    """Append runs for ``text`` to ``paragraph``: every inline style and links kept;
    equations."""
    for span in _merge_breaks(text):
        if span.new_line:
            text_xml.add_line_break(paragraph, lang, size)
            continue
        if span.math:
            oxml_math.add_paragraph_math(paragraph, span.text, span.math == "display", lang, size)
            continue
        run = paragraph.add_run()
        run.text = span.text
        text_xml.set_run_lang(run, lang)
        if span.bold:
            run.font.bold = True
        if span.italic:
            run.font.italic = True
        text_xml.style_run(run, run_styles(span), HIGHLIGHT if span.mark else None)
        if span.link and link_allowed(span.link):
            run.hyperlink.address = span.link
        if span.note is not None:
            text_xml.set_superscript(run)
        if size:
            run.font.size = Pt(size)
    text_xml.set_end_lang(paragraph, lang)


def run_styles(span: Span) -> dict[str, str]:
    """Return the ``a:rPr`` attributes of a span's strikeout, sub/superscript, small capitals
    and underline (what Pandoc's PowerPoint writer sets)."""
    styles = {name: value for flag, name, value in (
        (span.strike, "strike", "sngStrike"), (span.smallcaps, "cap", "small"),
        (span.underline, "u", "sng")) if flag}
    if span.sub or span.sup:
        styles["baseline"] = SUB_BASELINE if span.sub else SUP_BASELINE
    return styles


def fit_size(items: list[Line], width_emu: int, height_emu: int, base: int,
             floor: int = MIN_BODY_PT) -> int | None:
    """Return a smaller font size (never below ``floor``) when ``items`` overflow at ``base``.

    Returns None when the text fits at the layout's own size. The estimate is deliberately
    generous (average glyph width 0.55 em, line height 1.2).
    """
    for size in range(base, floor - 1, -2):
        if _height_pt(items, width_emu, size) <= height_emu / 12700:
            return None if size == base else size
    return floor


def _height_pt(items: list[Line], width_emu: int, size: int) -> float:
    total = 14.0
    for item in items:
        level_size = size if not item.level else min(size, MIN_BODY_PT)
        margin = 0 if item.level is None else (item.level + 1) * 27
        usable = max(width_emu / 12700 - 18 - margin, 36)
        chars = max(len(plain(item.text)), 1)
        rows = math.ceil(chars * 0.55 * level_size / usable)
        total += rows * level_size * 1.2 + 10
    return total


LIST_INDENT = 342900
"""A bullet's hanging indent (0.375 in): where a list item's text starts after its mark."""
NUMBER_INDENT_EM = 1.5
"""A numbered item's hanging indent in ems of its size, so ``10.`` never touches its text."""


def margin(item: Line, size: int | None) -> int:
    """Return where ``item``'s text starts from the frame's left inset, in EMU (``marL``).

    Numbered items indent by 1.5 em of their size (at least a bullet's indent), so the
    number has room before the text at any size; the writer and the fit measure both use it.
    """
    if item.level is None:
        return QUOTE_MARGIN if item.indent else 0
    return _indent(item, size) * (item.level + 1)


def _indent(item: Line, size: int | None) -> int:
    if not item.ordered or size is None:
        return LIST_INDENT
    return max(LIST_INDENT, round(NUMBER_INDENT_EM * size * 12700))


def _format_paragraph(p: Any, item: Line, size: int | None) -> None:
    if item.level is None:
        text_xml.no_bullet(p, margin(item, size))
    else:
        text_xml.bullet(p, item.level, item.ordered, item.start, _indent(item, size))


def _is_code_block(text: Text) -> bool:
    """Return True for a code block's text: code lines with line breaks between them."""
    return any(s.soft_break for s in text) and all(s.code or s.soft_break for s in text)


def _write_code(p: Any, text: Text, lang: str, size: int | None) -> None:
    """Write a code block's lines into ``p``, each on a line of its own, as Pandoc does."""
    for span in text:
        if span.soft_break:
            text_xml.add_break(p, lang, size)
        else:
            text_xml.add_run(p, span.text, lang, size=size, styles=run_styles(span))


def _merge_breaks(text: Text) -> Iterator[Span]:
    for span in text:
        yield Span(" ", span.bold, span.italic) if span.soft_break and not span.new_line \
            else span


def _block_lines(block: Block, notes: bool) -> Iterator[Line]:
    yield from _HANDLERS[type(block)](block, notes)


def _paragraph(block: Paragraph, notes: bool) -> Iterator[Line]:
    yield Line(block.text)


def _list(block: ListBlock, notes: bool, level: int = 0) -> Iterator[Line]:
    """Yield a list's items; an item's own blocks (quotes, code, a div's text) follow it one
    level in without a bullet, as Pandoc's PowerPoint writer shows them."""
    for item in block.items:
        yield Line(item.text, level, block.ordered, block.start)
        for line in lines(item.blocks, notes):
            yield Line(line.text, level + 1 + (line.level or 0) if line.level is not None
                       else None, line.ordered, line.start, indent=line.level is None)
        for child in item.children:
            yield from _list(child, notes, level + 1)


def _quote(block: Quote, notes: bool) -> Iterator[Line]:
    for line in lines(block.blocks, notes):
        yield Line(line.text, line.level, line.ordered, line.start, indent=line.level is None)


def _nested(block: Conditional | Columns, notes: bool) -> Iterator[Line]:
    groups = block.columns if isinstance(block, Columns) else (block.blocks,)
    for group in groups:
        yield from lines(group, notes)


def _table(block: Table, notes: bool) -> Iterator[Line]:
    if notes:
        for row in (block.header, *block.rows) if block.has_header else block.rows:
            yield Line((Span(" | ".join(plain(cell) for cell in row)),))


def _nothing(block: Block, notes: bool) -> Iterator[Line]:
    return iter(())


PLACES: BlockTable[str] = BlockTable("writers.pptx.blocks.PLACES", {
    Paragraph: "text", ListBlock: "text", Quote: "text", Conditional: "text",
    Image: "media", Table: "media",
    Columns: "none", SpacesDiagram: "none", Activity: "none",
})
"""Block type to where a slide's area puts it: ``text`` in its text frame, ``media`` beside or
below that, ``none`` nowhere (columns, the spaces diagram and activities are laid out by their
own slide kinds)."""

_HANDLERS: BlockTable[Callable[[Any, bool], Iterator[Line]]] = BlockTable(
    "writers.pptx.blocks._HANDLERS", {
        Paragraph: _paragraph,
        ListBlock: _list,
        Quote: _quote,
        Conditional: _nested,
        Columns: _nested,
        Table: _table,
        Image: _nothing,
        SpacesDiagram: _nothing,
        Activity: _nothing,
    })
"""Block type to the function yielding its paragraphs (tables only in the notes; an
activity's text is on its own slide)."""
