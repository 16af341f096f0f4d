"""Count the lines and words a slide's blocks put on screen, for the text-amount rule."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from packgen.errors import BlockTable
from packgen.model import (
    Activity,
    Block,
    Columns,
    Conditional,
    Image,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    SpacesDiagram,
    Table,
    Text,
    words,
)


def measure(blocks: Sequence[Block]) -> tuple[int, int]:
    """Return the lines and words the blocks put on a slide (columns count side by side)."""
    lines = words = 0
    for block in blocks:
        block_lines, block_words = _MEASURES[type(block)](block)
        lines += block_lines
        words += block_words
    return lines, words


def _words(text: Text) -> int:
    return len(words(text).split())


def _text_lines(text: Text) -> int:
    return 1 + sum(1 for span in text if span.soft_break)


def _paragraph(block: Paragraph) -> tuple[int, int]:
    return _text_lines(block.text), _words(block.text)


def _item(item: ListItem) -> tuple[int, int]:
    lines, words = _text_lines(item.text), _words(item.text)
    for child in item.children:
        child_lines, child_words = _list(child)
        lines, words = lines + child_lines, words + child_words
    return lines, words


def _list(block: ListBlock) -> tuple[int, int]:
    measured = [_item(item) for item in block.items]
    return sum(m[0] for m in measured), sum(m[1] for m in measured)


def _table(block: Table) -> tuple[int, int]:
    cells = [*block.header, *(cell for row in block.rows for cell in row)]
    return block.has_header + len(block.rows), sum(_words(cell) for cell in cells)


def _columns(block: Columns) -> tuple[int, int]:
    measured = [measure(column) for column in block.columns] or [(0, 0)]
    return max(m[0] for m in measured), sum(m[1] for m in measured)


def _nested(block: Quote | Conditional) -> tuple[int, int]:
    return measure(block.blocks)


def _nothing(block: Block) -> tuple[int, int]:
    return 0, 0


_MEASURES: BlockTable[Callable[[Any], tuple[int, int]]] = BlockTable("rules.measure._MEASURES", {
    Paragraph: _paragraph,
    ListBlock: _list,
    Table: _table,
    Columns: _columns,
    Quote: _nested,
    Conditional: _nested,
    Image: _nothing,
    SpacesDiagram: _nothing,
    Activity: _nothing,
})
"""Block type to its lines and words; pictures, the spaces diagram and activities put none."""
