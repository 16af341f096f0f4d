"""Lists as Pandoc reads them: list items with blocks, task lists, definition lists.

A list item keeps its quotes, code and a div's text after its own text; a table or picture
in it is lifted out after the list (PG156), and its notes become the slide's notes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.deflist import deflist_plugin

from packgen.markdown.divs import (
    Context,
    Notes,
    Raw,
    describe,
    lift_notes,
    model_blocks,
    warn_heading_text,
)
from packgen.markdown.inline import WEB_ADDRESSES, spans_of, strip_spans
from packgen.model import (
    Block,
    Columns,
    Image,
    ListBlock,
    ListItem,
    Loc,
    Paragraph,
    Quote,
    SpacesDiagram,
    Span,
    Table,
    Text,
)

LIFTED = "PG156"
_MARKER = re.compile(r"[:~][ \t]")
"""A definition's first line: ``:`` or ``~`` and a space."""
Convert = Callable[[list[SyntaxTreeNode], Context], list[Raw]]
"""Converts block nodes (``blocks.convert_blocks``), passed in so this module needs no
import of the converter table."""


def convert_list(node: SyntaxTreeNode, ctx: Context, convert: Convert) -> list[Raw]:
    """Return a list, then what its items lift out: tables and pictures (shown after the
    list, PG156) and speaker notes. ``convert`` converts the other blocks in an item."""
    loc = _loc(node, ctx)
    lifted: list[Raw] = []
    with ctx.nested(loc):
        items = tuple(_item(child, ctx, lifted, convert) for child in node.children)
    ordered = node.type == "ordered_list"
    start = int(str(node.attrs.get("start", 1))) if ordered else 1
    kept = tuple(i for i in items if i.text or i.blocks or i.children)
    head: list[Raw] = [ListBlock(kept, ordered, loc, start)] if kept or not lifted else []
    return head + lifted


def _item(node: SyntaxTreeNode, ctx: Context, lifted: list[Raw], convert: Convert) -> ListItem:
    texts: list[Text] = []
    children: list[ListBlock] = []
    blocks: list[Raw] = []
    for child in node.children:
        if child.type == "paragraph" and not blocks and not _has_image(child):
            warn_heading_text(child.children[0].content, _loc(child, ctx), ctx)
            texts.append(strip_spans(spans_of(child.children[0].children, ctx, _loc(child, ctx))))
        elif child.type in ("bullet_list", "ordered_list"):
            for inner in convert_list(child, ctx, convert):
                if isinstance(inner, ListBlock):
                    children.append(inner)
                else:
                    lifted.append(inner)
        else:
            blocks.extend(convert([child], ctx))
    joined: Text = ()
    for text in texts:
        joined += ((Span("", soft_break=True),) if joined else ()) + text
    kept = _item_blocks(blocks, ctx, lifted)
    return ListItem(task_box(joined), tuple(children), kept)


def _item_blocks(raw: list[Raw], ctx: Context, lifted: list[Raw]) -> tuple[Block, ...]:
    """Return the blocks a list item keeps; move tables, pictures and notes to ``lifted``."""
    rest, notes = lift_notes(raw)
    kept: list[Raw] = []
    for item in rest:
        if isinstance(item, (Table, Image)):
            what = "table" if isinstance(item, Table) else "picture"
            ctx.info(f"a {what} in a list item is shown after the list (a slide's text cannot "
                     f"hold it; Pandoc's PowerPoint writer leaves it out)", item.loc, LIFTED)
            lifted.append(item)
        elif isinstance(item, (Columns, SpacesDiagram)):
            ctx.error(f"{describe(item)} cannot stand in a list item: put it after the list",
                      item.loc)
        else:
            kept.append(item)
    if notes:
        lifted.append(Notes(notes, ctx.loc(0) if not rest else rest[0].loc))
    return model_blocks(kept, ctx, "a list item")


TASK_BOXES = {"[ ] ": "\u2610 ", "[x] ": "\u2612 ", "[X] ": "\u2612 "}
"""A task list item's box as Pandoc shows it: ☐ open, ☒ done."""


def task_box(text: Text) -> Text:
    """Return a list item's text with a leading ``[ ]`` or ``[x]`` as Pandoc's ☐ or ☒."""
    first = text[0] if text else None
    if first is None or first.code or first.text[:4] not in TASK_BOXES:
        return text
    return (replace(first, text=TASK_BOXES[first.text[:4]] + first.text[4:]), *text[1:])


def convert_definitions(node: SyntaxTreeNode, ctx: Context, convert: Convert) -> list[Raw]:
    """Return a definition list as Pandoc's PowerPoint writer draws it: each term in bold,
    its definitions indented under it (a quote)."""
    out: list[Raw] = []
    with ctx.nested(_loc(node, ctx)):
        for child in node.children:
            loc = _loc(child, ctx)
            if child.type == "dt":
                text = strip_spans(spans_of(child.children[0].children, ctx, loc))
                out.append(Paragraph(tuple(replace(s, bold=True) for s in text), loc))
            else:
                rest, notes = lift_notes(convert(child.children, ctx))
                out.append(Quote(model_blocks(rest, ctx, "a definition"), loc))
                out.extend([Notes(notes, loc)] if notes else [])
    return out


def _loc(node: SyntaxTreeNode, ctx: Context) -> Loc:
    return ctx.loc(node.map[0] if node.map else 0)


def _has_image(node: SyntaxTreeNode) -> bool:
    """Return True for a paragraph holding a picture in the project (a picture at a web
    address is its alt text, so it stays the item's text)."""
    return any(child.type == "image" and not str(child.attrs.get("src", "")).lower()
               .startswith(WEB_ADDRESSES) for child in node.children[0].children)


# --- reading definition lists --------------------------------------------------------------


def pandoc_deflist_plugin(md: Any) -> None:
    """Add definition lists to ``md`` as Pandoc reads them: mdit-py-plugins' rule, ended
    where Pandoc ends the list (``_pandoc_end``) rather than at its own, shallower indent."""
    md.use(deflist_plugin)
    rules = dict(zip(md.block.ruler.get_active_rules(), md.block.ruler.getRules(""),
                     strict=True))
    read = rules["deflist"]

    def deflist(state: Any, start: int, end: int, silent: bool) -> bool:
        return read(state, start, _pandoc_end(state, start, end), silent)

    md.block.ruler.at("deflist", deflist, {"alt": ["paragraph", "reference", "blockquote"]})


def _pandoc_end(state: Any, start: int, end: int) -> int:
    """Return where a definition list starting at ``start`` ends for Pandoc: at the first
    line after a blank line that is indented less than four spaces and is neither a
    definition (``:``) nor a term with a definition under it (the blocks of a definition
    after its first are indented four spaces; a table indented two follows the list)."""
    blank = False
    for line in range(start + 1, end):
        if state.isEmpty(line):
            blank = True
            continue
        if blank and state.sCount[line] - state.blkIndent < 4 \
                and not _is_definition(state, line) and not _is_term(state, line, end):
            return line
        blank = False
    return end


def _is_definition(state: Any, line: int) -> bool:
    return bool(_MARKER.match(state.src, state.bMarks[line] + state.tShift[line]))


def _is_term(state: Any, line: int, end: int) -> bool:
    after = line + 1
    if after < end and state.isEmpty(after):
        after += 1
    return after < end and _is_definition(state, after)
