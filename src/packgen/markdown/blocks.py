"""Markdown module bodies to model slides: markdown-it parser setup and node converters."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from packgen.errors import LIMIT_EXCEEDED, Diagnostic, PackgenError, info
from packgen.markdown.activity import build_activity
from packgen.markdown.divs import (
    BUILDERS,
    MAX_DEPTH,
    Context,
    Heading,
    Notes,
    Raw,
    Rule,
    build_div,
    lift_notes,
    model_blocks,
)
from packgen.markdown.easy_read import build_easy_read
from packgen.markdown.inline import WEB_ADDRESSES, is_web_picture, spans_of, strip_spans
from packgen.markdown.pandoc_attrs import (
    BAD_VALUE,
    Attrs,
    AttrsError,
    div_info,
    fenced_div_plugin,
    parse_attrs,
    width_problem,
)
from packgen.markdown.slides import carve
from packgen.model import (
    EasyReadRow,
    Image,
    ListBlock,
    ListItem,
    Loc,
    Paragraph,
    Quote,
    Slide,
    Span,
    Table,
    Text,
)
from packgen.paths import resolve_in_project
from packgen.safety import (
    MAX_BRACKETS,
    check_picture_bounds,
    check_svg_file,
    picture_pixels,
)

MISSING_ALT = "PG105"
PICTURE_HEIGHT = "PG166"
UNSUPPORTED = "PG128"
_STRAY_FENCE = re.compile(r":{3,}")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SIZE = re.compile(r"(\d+(?:\.\d+)?)([a-z%]+)")
_TABLE_ROWS = re.compile(r"^[ \t]*\|.*$", re.MULTILINE)
MAX_TOKEN_NESTING = 2 * MAX_DEPTH + 4
"""Deeper than this, markdown-it stops reading; our own limit (a list level is two) hits first."""
DIVS = {**BUILDERS, "activity": build_activity, "easy-read": build_easy_read}


@dataclass(frozen=True, slots=True)
class Body:
    """A parsed module body: slides, easy-read rows, and what was found on the way."""

    slides: tuple[Slide, ...]
    easy_read: tuple[EasyReadRow, ...]
    has_easy_read: bool
    diagnostics: tuple[Diagnostic, ...]
    """Errors and warnings, in the order found; errors mean the module cannot be used."""


def parse_body(text: str, *, path: str, line_offset: int, root: Path, base_dir: Path) -> Body:
    """Build the slides of a module body; ``line_offset`` lines precede it in the file."""
    ctx = Context(path, line_offset, root, base_dir)
    _check_brackets(text, ctx)
    tree = SyntaxTreeNode(_parser().parse(text))
    carved = carve(convert_blocks(tree.children, ctx), ctx)
    return Body(carved.slides, carved.easy_read, carved.has_easy_read, tuple(ctx.diagnostics))


def _check_brackets(text: str, ctx: Context) -> None:
    """Refuse a paragraph with hundreds of ``[``: markdown-it's time grows with their square.

    Table rows (lines starting ``|``) do not count: each cell is read on its own.
    """
    line = 0
    for chunk in re.split(r"(\n[ \t]*\n)", text):
        if _TABLE_ROWS.sub("", chunk).count("[") > MAX_BRACKETS:
            raise PackgenError(f"more than {MAX_BRACKETS} '[' in one paragraph", ctx.path,
                               ctx.loc(line).line, LIMIT_EXCEEDED)
        line += chunk.count("\n")


@cache
def _parser() -> MarkdownIt:
    """Return the shared parser: CommonMark, no raw HTML, pipe tables, Pandoc divs/attributes."""
    md = MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_TOKEN_NESTING,
                                   "typographer": False})
    md.validateLink = _every_link
    return md.enable("table").use(fenced_div_plugin)


def _every_link(url: str) -> bool:
    """Return True: every link is parsed as a link, so a refused scheme (``javascript:``,
    ``file:``) is an error at its line (PG119) rather than silently left as text."""
    return True


def convert_blocks(nodes: list[SyntaxTreeNode], ctx: Context) -> list[Raw]:
    """Return the converted items of a list of block nodes, in order."""
    out: list[Raw] = []
    for node in nodes:
        converter = _BLOCKS.get(node.type)
        if converter is None:
            raise PackgenError(f"unsupported Markdown element '{node.type}'", ctx.path,
                               _loc(node, ctx).line, UNSUPPORTED)
        out.extend(converter(node, ctx))
    return out


def _loc(node: SyntaxTreeNode, ctx: Context) -> Loc:
    return ctx.loc(node.map[0] if node.map else 0)


def _attrs(text: str, loc: Loc, ctx: Context) -> Attrs:
    try:
        return parse_attrs(text)
    except AttrsError as exc:
        ctx.error(str(exc), loc)
        return Attrs()


# --- blocks ------------------------------------------------------------------------------


def _paragraph(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    """Return a paragraph as text, with each picture in it as its own Image block."""
    loc = _loc(node, ctx)
    _check_stray_fences(node.children[0].content, loc, ctx)
    out: list[Raw] = []
    pending: list[SyntaxTreeNode] = []
    line = loc.line or 0
    for child in node.children[0].children:
        if child.type == "image" and is_web_picture(child, Loc(loc.path, line), ctx):
            pending.extend(child.children or ())
        elif child.type == "image":
            out.extend(_text_paragraph(pending, line - _breaks(pending), ctx))
            out.append(_image(child, Loc(loc.path, line), ctx))
            pending = []
        else:
            pending.append(child)
        line += child.type in ("softbreak", "hardbreak")
    out.extend(_text_paragraph(pending, line - _breaks(pending), ctx))
    return out


def _check_stray_fences(content: str, loc: Loc, ctx: Context) -> None:
    for index, text in enumerate(content.split("\n")):
        if _STRAY_FENCE.fullmatch(text.strip()):
            ctx.error("this line of colons closes no block: remove it, or check the colons of "
                      "the blocks above", Loc(loc.path, (loc.line or 0) + index))


def _breaks(nodes: list[SyntaxTreeNode]) -> int:
    return sum(n.type in ("softbreak", "hardbreak") for n in nodes)


def _text_paragraph(nodes: list[SyntaxTreeNode], line: int, ctx: Context) -> list[Raw]:
    while nodes and nodes[0].type in ("softbreak", "hardbreak") or nodes and _blank(nodes[0]):
        line += nodes[0].type != "text"
        nodes = nodes[1:]
    spans = strip_spans(spans_of(nodes, ctx, Loc(ctx.path, line)))
    return [Paragraph(spans, Loc(ctx.path, line))] if spans else []


def _blank(node: SyntaxTreeNode) -> bool:
    return node.type == "text" and not node.content.strip()


def _image(node: SyntaxTreeNode, loc: Loc, ctx: Context) -> Image:
    attrs = _attrs(str((node.meta or {}).get("attrs", "")), loc, ctx)
    alt = "".join(s.text if not s.soft_break else " " for s in spans_of(node.children, ctx, loc))
    decorative = "decorative" in attrs.classes
    if not alt.strip() and not decorative:
        ctx.warn("picture has no alt text: describe it in ![...] or mark it {.decorative}",
                 loc, MISSING_ALT)
    src = unquote(str(node.attrs.get("src", "")))
    try:
        src = resolve_in_project(ctx.root, ctx.base_dir, src, ctx.path, loc.line)
    except PackgenError as exc:
        ctx.diagnostics.extend(exc.diagnostics)
    else:
        _check_bounds(ctx, src, loc)
        ctx.diagnostics.extend(_svg_problems(ctx.root / src, ctx.path, loc.line))
    title = str(node.attrs.get("title") or "")
    return Image(src, alt.strip(), loc, _width(attrs, loc, ctx, src), decorative, title)


def _width(attrs: Attrs, loc: Loc, ctx: Context, src: str = "") -> str | None:
    """Return a picture's ``width`` when every output can draw it; report it otherwise.

    A bare number is pixels, as in Pandoc (``width=300`` is ``300px``). A ``height`` alone
    gives the width that keeps the picture's proportions; beside a width, as a percentage or
    on a picture whose size cannot be read (SVG) it is not read, and an info line says so.
    """
    width = _as_pixels(attrs.values.get("width"))
    if "height" in attrs.values:
        width = _height_as_width(width, attrs.values["height"], loc, ctx, src)
    problem = width_problem(width) if width is not None else None
    if problem:
        ctx.error(problem, loc, BAD_VALUE)
        return None
    return width


def _as_pixels(value: str | None) -> str | None:
    """Return a size with a bare number read as pixels, as Pandoc reads it."""
    return f"{value.strip()}px" if value and _NUMBER.fullmatch(value.strip()) else value


def _height_as_width(width: str | None, written: str, loc: Loc, ctx: Context,
                     src: str) -> str | None:
    """Return the width a picture's ``height`` stands for, or ``width`` when it is not read."""
    height = str(_as_pixels(written))
    problem = width_problem(height)
    if problem:
        ctx.error(problem.replace("width", "height"), loc, BAD_VALUE)
        return width
    pixels = _pixels_in_project(ctx.root, src)
    why = ("beside a width: the picture keeps its proportions" if width is not None else
           "as a percentage: set its width instead" if height.strip().endswith("%") else
           "on a picture whose size cannot be read: set its width instead" if not pixels
           else "")
    if why:
        ctx.diagnostics.append(info(f"height={written} is not read {why}", loc.path, loc.line,
                                    PICTURE_HEIGHT))
        return width
    assert pixels is not None
    match = _SIZE.fullmatch(height.strip())
    assert match is not None
    return f"{float(match[1]) * pixels[0] / max(pixels[1], 1):.4g}{match[2]}"


def _pixels_in_project(root: Path, src: str) -> tuple[int, int] | None:
    """Return the pixel size of the picture ``src`` names, only if it lies in the project."""
    path = (root / src).resolve()
    return picture_pixels(path) if src and path.is_relative_to(root.resolve()) else None


def _check_bounds(ctx: Context, src: str, loc: Loc) -> None:
    """Record PG024 for a picture too large in bytes or pixels, before anything decodes it."""
    try:
        check_picture_bounds(ctx.root.resolve() / src, ctx.path, loc.line)
    except PackgenError as exc:
        ctx.diagnostics.extend(exc.diagnostics)


def _svg_problems(path: Path, where: str, line: int | None) -> tuple[Diagnostic, ...]:
    """Return why an SVG picture cannot be shown safely (it refers outside itself), if so."""
    if path.suffix.lower() != ".svg":
        return ()
    try:
        check_svg_file(path, where, line)
    except PackgenError as exc:
        return exc.diagnostics
    return ()


def _heading(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    loc = _loc(node, ctx)
    attrs = _attrs(str((node.meta or {}).get("attrs", "")), loc, ctx)
    text = strip_spans(spans_of(node.children[0].children, ctx, loc))
    return [Heading(int(node.tag[1]), text, attrs, loc)]


def _list(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    loc = _loc(node, ctx)
    with ctx.nested(loc):
        items = tuple(_item(child, ctx) for child in node.children)
    ordered = node.type == "ordered_list"
    start = int(str(node.attrs.get("start", 1))) if ordered else 1
    return [ListBlock(items, ordered, loc, start)]


def _item(node: SyntaxTreeNode, ctx: Context) -> ListItem:
    texts: list[Text] = []
    children: list[ListBlock] = []
    for child in node.children:
        if child.type == "paragraph" and not _has_image(child):
            texts.append(strip_spans(spans_of(child.children[0].children, ctx, _loc(child, ctx))))
        elif child.type in ("bullet_list", "ordered_list"):
            children.extend(_list(child, ctx))  # type: ignore[arg-type]
        else:
            found = "a picture" if child.type == "paragraph" else _NODE_NAMES.get(child.type)
            ctx.error(f"a list item may hold text and nested lists only, found "
                      f"{found or child.type}", _loc(child, ctx))
    joined: Text = ()
    for text in texts:
        joined += ((Span("", soft_break=True),) if joined else ()) + text
    return ListItem(joined, tuple(children))


_NODE_NAMES = {"blockquote": "a quote", "table": "a table", "fenced_div": "a div",
               "fence": "code", "code_block": "code", "heading": "a heading", "hr": "'---'"}


def _has_image(node: SyntaxTreeNode) -> bool:
    return any(child.type == "image" and not str(child.attrs.get("src", "")).lower()
               .startswith(WEB_ADDRESSES) for child in node.children[0].children)


def _quote(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    loc = _loc(node, ctx)
    with ctx.nested(loc):
        rest, notes = lift_notes(convert_blocks(node.children, ctx))
    out: list[Raw] = [Quote(model_blocks(rest, ctx, "a quote"), loc)]
    return out + ([Notes(notes, loc)] if notes else [])


def _table(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    loc = _loc(node, ctx)
    rows = [tr for section in node.children for tr in section.children]
    cells = [tuple(strip_spans(spans_of(c.children[0].children if c.children else [], ctx, loc))
                   for c in tr.children) for tr in rows]
    align = tuple(_align(c) for c in rows[0].children)
    return [Table(cells[0], tuple(cells[1:]), loc, align)]


def _align(cell: SyntaxTreeNode) -> str | None:
    style = str(cell.attrs.get("style", ""))
    return style.split(":", 1)[1] if style.startswith("text-align:") else None


def _rule(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    return [Rule(_loc(node, ctx))]


def _code(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    spans: list[Span] = []
    for line in node.content.rstrip("\n").split("\n"):
        spans += ([Span("", soft_break=True)] if spans else []) + [Span(line, code=True)]
    return [Paragraph(tuple(spans), _loc(node, ctx))]


def _div(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    loc = _loc(node, ctx)
    if not (node.meta or {}).get("closed") and ctx.depth == 0:
        ctx.error(f"fenced div '{node.markup} {node.info}' is never closed: end it with a "
                  f"line of {len(node.markup)} colons", loc)
    attrs = _attrs(div_info(node.info), loc, ctx)
    with ctx.nested(loc):
        raw = convert_blocks(node.children, ctx)
    return build_div(attrs, raw, loc, ctx, DIVS)


_BLOCKS: dict[str, Callable[[SyntaxTreeNode, Context], list[Raw]]] = {
    "paragraph": _paragraph,
    "heading": _heading,
    "bullet_list": _list,
    "ordered_list": _list,
    "blockquote": _quote,
    "table": _table,
    "hr": _rule,
    "fence": _code,
    "code_block": _code,
    "fenced_div": _div,
}
