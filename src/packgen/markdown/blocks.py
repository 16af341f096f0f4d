"""Markdown module bodies to model slides: markdown-it parser setup and node converters."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.footnote import footnote_plugin

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
    SlidePicture,
    Unshown,
    build_div,
    lift_notes,
    model_blocks,
    warn_heading_text,
)
from packgen.markdown.easy_read import build_easy_read
from packgen.markdown.inline import (
    LINK_SCHEME,
    WEB_ADDRESSES,
    is_web_picture,
    line_breaks,
    link_problem,
    pandoc_inline,
    spans_of,
    strip_spans,
)
from packgen.markdown.lists import convert_definitions, convert_list, pandoc_deflist_plugin
from packgen.markdown.pandoc_attrs import (
    BAD_VALUE,
    Attrs,
    AttrsError,
    div_info,
    fenced_div_plugin,
    parse_attrs,
    width_problem,
)
from packgen.markdown.pipe_cells import pipe_cells_plugin
from packgen.markdown.raw import (
    RAW_FORMAT,
    RAW_FORMAT_INFO,
    RAW_HTML,
    RAW_LATEX,
    html_text,
    is_comment,
    latex_name,
    raw_plugin,
    tag_names,
)
from packgen.markdown.references import implicit_references_plugin
from packgen.markdown.slides import carve
from packgen.markdown.spaced_links import spaced_links_plugin
from packgen.markdown.tables_pandoc import pandoc_tables_plugin
from packgen.markdown.tex import math_as_text, math_span, use_dollar_math
from packgen.model import (
    Block,
    EasyReadRow,
    Image,
    ListBlock,
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
from packgen.wording import closest

MISSING_ALT = "PG105"
PICTURE_HEIGHT = "PG166"
UNSUPPORTED = "PG128"
MISSPELT_KEY = "PG149"
TABLE_SPAN = "PG155"
PICTURE_KEYS = ("width", "height")
HEADING_KEYS = ("audience", "layout")
"""The attribute keys packgen reads on pictures and headings; any other is ignored, as
Pandoc's slide writer ignores it, unless it looks like a misspelling of one of these."""
_STRAY_FENCE = re.compile(r":{3,}")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_EM = re.compile(r"(\d+(?:\.\d+)?)em")
EM_PT = 12.375
"""Points in an ``em`` of a picture size: Pandoc's 11/64 inch."""
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


def parse_body(text: str, *, path: str, line_offset: int, root: Path, base_dir: Path,
               implicit_figures: bool = True) -> Body:
    """Build the slides of a module body; ``line_offset`` lines precede it in the file.

    With ``implicit_figures`` (Pandoc's extension of that name), a picture alone in its
    paragraph with alt text is a figure: its ``![...]`` text is also its visible caption.
    """
    ctx = Context(path, line_offset, root, base_dir, implicit_figures=implicit_figures)
    _check_brackets(text, ctx)
    tree = SyntaxTreeNode(_parser().parse(text))
    nodes = [n for n in tree.children if n.type != "footnote_block"]
    for block in (n for n in tree.children if n.type == "footnote_block"):
        _read_footnotes(block, ctx)
    carved = carve(convert_blocks(nodes, ctx), ctx)
    found = (*ctx.diagnostics, *ctx.dropped.findings())
    return Body(carved.slides, carved.easy_read, carved.has_easy_read, found)


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
    """Return the shared parser: CommonMark, pipe tables (a ``|`` in code stays in its cell,
    as Pandoc reads it), link addresses with spaces (as Pandoc reads them), Pandoc
    divs/attributes, Pandoc's inline extras (strikeout, sub/superscript, bracketed spans),
    implicit header references,
    dollar math, and raw HTML, LaTeX, ``{=format}`` and shortcodes read as tokens of their own
    (to be dropped).

    Dollar math is added first, so that its rule runs before the raw LaTeX rule and the TeX
    inside ``$...$`` is never taken for a LaTeX command."""
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_TOKEN_NESTING,
                                   "typographer": False})
    md.validateLink = _every_link
    _blank_before_heading(md)
    md = use_dollar_math(md.enable(["table", "strikethrough"]).use(pipe_cells_plugin)
                         .use(fenced_div_plugin))
    return (md.use(pandoc_tables_plugin).use(footnote_plugin).use(pandoc_deflist_plugin)
            .use(raw_plugin).use(spaced_links_plugin).use(pandoc_inline)
            .use(implicit_references_plugin))


def _blank_before_heading(md: MarkdownIt) -> None:
    """Make a ``#`` heading need a blank line before it, as Pandoc's ``blank_before_header``
    does: written straight under a line of a paragraph (in a list item or a quote too), it
    is more text of that paragraph."""
    rule = next(r for r in md.block.ruler.__rules__ if r.name == "heading")
    md.block.ruler.at("heading", rule.fn, {"alt": [a for a in rule.alt
                                                   if a not in ("paragraph", "blockquote")]})


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


def _attrs(text: str, loc: Loc, ctx: Context, known: tuple[str, ...] = ()) -> Attrs:
    """Return the attributes in ``text``; warn of keys that look like a misspelt ``known``."""
    try:
        attrs = parse_attrs(text)
    except AttrsError as exc:
        ctx.error(str(exc), loc)
        return Attrs()
    for key in attrs.values:
        close = None if key in known else closest(key, known, cutoff=0.75)
        if close:
            ctx.warn(f"attribute '{key}' is not one packgen reads: did you mean '{close}'?",
                     loc, MISSPELT_KEY)
    return attrs


# --- blocks ------------------------------------------------------------------------------


def _paragraph(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    """Return a paragraph as text, with each picture in it as its own Image block.

    With implicit figures on, a slide's (or a column's) picture that starts its paragraph and
    is no figure comes as a SlidePicture: it ends its slide, as Pandoc's Para picture does.
    """
    loc = _loc(node, ctx)
    _check_lines(node.children[0].content, loc, ctx)
    if [c.type for c in node.children[0].children] == ["hardbreak"]:
        return [Paragraph((Span("", soft_break=True),), loc)]  # a lone ``\``: an empty line
    out: list[Raw] = []
    pending: list[SyntaxTreeNode] = []
    line = loc.line or 0
    children = node.children[0].children
    alone = sum(not _blank(c) and c.type not in ("softbreak", "hardbreak")
                for c in children) == 1
    for index, child in enumerate(children):
        picture = child if child.type == "image" else _linked_picture(child)
        if picture is not None and picture is not child and _at_web_address(picture):
            pending.append(child)  # the link stays; its picture becomes its alt text (PG165)
        elif picture is child and is_web_picture(child, Loc(loc.path, line), ctx):
            pending.extend(child.children or ())
        elif picture is not None:
            out.extend(_text_paragraph(pending, line - _breaks(pending), ctx))
            link = _picture_link(child, Loc(loc.path, line), ctx)
            image = _image(picture, Loc(loc.path, line), ctx, alone, link)
            ends = index == 0 and not (alone and child.type == "image" and image.alt)
            ends = ends and ctx.implicit_figures and ctx.depth in (0, ctx.column_depth)
            out.append(SlidePicture(image, image.loc) if ends else image)
            pending = []
        else:
            pending.append(child)
        line += line_breaks(child)
    out.extend(_text_paragraph(pending, line - _breaks(pending), ctx))
    return out


def _check_lines(content: str, loc: Loc, ctx: Context) -> None:
    """Report a paragraph's lines of colons that close no block, and its lines that look like
    a heading but are text (PG173)."""
    for index, text in enumerate(content.split("\n")):
        if _STRAY_FENCE.fullmatch(text.strip()):
            ctx.error("this line of colons closes no block: remove it, or check the colons of "
                      "the blocks above", Loc(loc.path, (loc.line or 0) + index))
    warn_heading_text(content, loc, ctx)


def _breaks(nodes: list[SyntaxTreeNode]) -> int:
    return sum(line_breaks(n) for n in nodes)


def _text_paragraph(nodes: list[SyntaxTreeNode], line: int, ctx: Context) -> list[Raw]:
    while nodes and nodes[0].type in ("softbreak", "hardbreak") or nodes and _blank(nodes[0]):
        line += nodes[0].type != "text"
        nodes = nodes[1:]
    spans = strip_spans(spans_of(nodes, ctx, Loc(ctx.path, line)))
    return [Paragraph(spans, Loc(ctx.path, line))] if spans else []


def _blank(node: SyntaxTreeNode) -> bool:
    return node.type == "text" and not node.content.strip()


def _linked_picture(node: SyntaxTreeNode) -> SyntaxTreeNode | None:
    """Return the picture a link holds and nothing else (``[![alt](x.png)](url)``), if so."""
    if node.type != "link":
        return None
    inside = [c for c in node.children if not _blank(c)]
    return inside[0] if len(inside) == 1 and inside[0].type == "image" else None


def _picture_link(node: SyntaxTreeNode, loc: Loc, ctx: Context) -> str | None:
    """Return a linked picture's address, checked as every link is (PG119); else None."""
    if node.type != "link":
        return None
    href = str(node.attrs.get("href", ""))
    problem = link_problem(href)
    if problem:
        ctx.error(problem, loc, LINK_SCHEME)
        return None
    return href


def _image(node: SyntaxTreeNode, loc: Loc, ctx: Context, alone: bool = False,
           link: str | None = None) -> Image:
    """Return a picture; ``alone`` in its paragraph, with alt text, it is a figure whose
    ``![...]`` text is its caption (implicit figures on) and ``fig-alt`` (Quarto) or
    ``fig.alt`` (R Markdown) its description."""
    attrs = _attrs(str((node.meta or {}).get("attrs", "")), loc, ctx, PICTURE_KEYS)
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
    caption = str(node.attrs.get("title") or "")
    described = (attrs.values.get("fig-alt") or attrs.values.get("fig.alt") or "").strip()
    if ctx.implicit_figures and alone and alt.strip() and not decorative:
        caption = alt.strip()
    return Image(src, described or alt.strip(), loc, _width(attrs, loc, ctx, src), decorative,
                 caption, ctx.implicit_figures and bool(caption), link)


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
    """Return a size as every writer reads it: a bare number is pixels and ``em`` is 11/64
    inch (12.375 points), both as Pandoc reads them."""
    if not value:
        return value
    value = value.strip()
    if _NUMBER.fullmatch(value):
        return f"{value}px"
    em = _EM.fullmatch(value)
    return f"{float(em[1]) * EM_PT:g}pt" if em else value


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
    attrs = _attrs(str((node.meta or {}).get("attrs", "")), loc, ctx, HEADING_KEYS)
    text = math_as_text(strip_spans(spans_of(node.children[0].children, ctx, loc)))
    return [Heading(int(node.tag[1]), text, attrs, loc)]


def _list(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    return convert_list(node, ctx, convert_blocks)


def _definitions(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    return convert_definitions(node, ctx, convert_blocks)


def _read_footnotes(node: SyntaxTreeNode, ctx: Context) -> None:
    """Convert the module's footnotes (``[^1]: ...``) before the text that refers to them.

    The back-reference markdown-it adds after a footnote that does not end in a paragraph
    (``footnote_anchor``) is dropped: packgen writes its own numbers."""
    for note in node.children:
        loc = _loc(note, ctx)
        body = [n for n in note.children if n.type != "footnote_anchor"]
        rest, notes = lift_notes(convert_blocks(body, ctx))
        if notes:
            ctx.error("'::: notes' cannot stand in a footnote", loc)
        ctx.footnotes[int((note.meta or {}).get("id", 0))] = model_blocks(rest, ctx, "a footnote")


def _at_web_address(picture: SyntaxTreeNode) -> bool:
    """Return True for a picture named by a web address (it is never fetched: PG165)."""
    return str(picture.attrs.get("src", "")).lower().startswith(WEB_ADDRESSES)


def _quote(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    loc = _loc(node, ctx)
    with ctx.nested(loc):
        rest, notes = lift_notes(convert_blocks(node.children, ctx))
    out: list[Raw] = [Quote(model_blocks(rest, ctx, "a quote"), loc)]
    return out + ([Notes(notes, loc)] if notes else [])


def _table(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    """Return a pipe, simple, multiline or grid table (see ``markdown.tables_pandoc``)."""
    loc = _loc(node, ctx)
    meta = node.meta or {}
    if meta.get("span_line") is not None:
        ctx.error("a grid table cell spans rows or columns: packgen draws one cell per row and "
                  "column (merged cells confuse screen readers); split it into whole cells",
                  ctx.loc(meta["span_line"]), TABLE_SPAN)
    sections = {section.type: [tr for tr in section.children] for section in node.children}
    head = sections.get("thead", [])
    rows = head + sections.get("tbody", [])
    cells = [tuple(_cell(c, ctx, loc) for c in tr.children) for tr in rows]
    align = tuple(_align(c) for c in rows[0].children) if rows else ()
    caption = _caption(meta, ctx)
    return [Table(cells[0] if head else (), tuple(cells[1:] if head else cells), loc, align,
                  caption)]


def _cell(cell: SyntaxTreeNode, ctx: Context, loc: Loc) -> Text:
    """Return a cell's text; a grid cell's blocks are flattened as Pandoc's PowerPoint writer
    does: paragraphs and code on their own lines, a heading in bold, list items marked with a
    bullet and a nested item indented under its parent."""
    if not cell.children or cell.children[0].type == "inline":
        children = cell.children[0].children if cell.children else []
        return strip_spans(spans_of(children, ctx, loc))
    out: Text = ()
    for text in _flat_lines(convert_blocks(cell.children, ctx)):
        out += (NEW_LINE,) * bool(out) + text
    return out


NEW_LINE = Span("", soft_break=True, new_line=True)
"""The break between two lines of a grid cell's blocks."""


def _flat_lines(raw: list[Raw] | tuple[Block, ...]) -> list[Text]:
    lines: list[Text] = []
    for item in raw:
        if isinstance(item, Paragraph):
            lines.extend(_code_lines(item.text) if _is_code(item.text) else [item.text])
        elif isinstance(item, Heading):
            lines.append(tuple(replace(span, bold=True) for span in item.text))
        elif isinstance(item, ListBlock):
            lines.extend(_flat_items(item, 0))
        elif isinstance(item, Quote):
            lines.extend(_flat_lines(item.blocks))
    return lines


def _is_code(text: Text) -> bool:
    return all(span.code or span.soft_break for span in text)


def _code_lines(text: Text) -> list[Text]:
    """Return a code block's lines, each a line of the cell."""
    lines: list[Text] = [()]
    for span in text:
        if span.soft_break:
            lines.append(())
        else:
            lines[-1] += (span,)
    return lines


CELL_BULLETS = ("\u2022 ", "\u25e6 ")
"""The marks of a list item in a table cell, by depth (a nested item also indents)."""
CELL_INDENT = "\u2003"
"""One level of a nested item's indent in a table cell: an em space, which no viewer trims."""


def _flat_items(block: ListBlock, depth: int) -> list[Text]:
    """Return a list's items as lines, each nested list's items under their parent."""
    mark = CELL_INDENT * depth + CELL_BULLETS[min(depth, len(CELL_BULLETS) - 1)]
    lines: list[Text] = []
    for item in block.items:
        lines.append((Span(mark), *item.text))
        lines.extend(_flat_lines(item.blocks))
        for child in item.children:
            lines.extend(_flat_items(child, depth + 1))
    return lines


def _caption(meta: dict[str, object], ctx: Context) -> Text:
    source = meta.get("caption")
    if not isinstance(source, str):
        return ()
    line = meta.get("caption_line")
    loc = ctx.loc(line if isinstance(line, int) else 0)
    tree = SyntaxTreeNode(_parser().parseInline(source))
    return strip_spans(spans_of(tree.children[0].children, ctx, loc))


def _align(cell: SyntaxTreeNode) -> str | None:
    style = str(cell.attrs.get("style", ""))
    return style.split(":", 1)[1] if style.startswith("text-align:") else None


def _rule(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    return [Rule(_loc(node, ctx))]


def _code(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    raw = RAW_FORMAT_INFO.fullmatch(node.info.strip()) if node.type == "fence" else None
    if raw:
        ctx.dropped.note(RAW_FORMAT, _loc(node, ctx), "{=" + raw[1] + "}")
        return _unshown(node, ctx)
    spans: list[Span] = []
    for line in node.content.rstrip("\n").split("\n"):
        spans += ([Span("", soft_break=True)] if spans else []) + [Span(line, code=True)]
    return [Paragraph(tuple(spans), _loc(node, ctx))]


def _math_block(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    """Return display math (``$$`` opening its own line) as a paragraph of one equation."""
    loc = _loc(node, ctx)
    spans = math_span(node.content, True, ctx, loc)
    return [Paragraph(spans, loc)] if spans else []


def _div(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    loc = _loc(node, ctx)
    if not (node.meta or {}).get("closed") and ctx.depth == 0:
        ctx.error(f"fenced div '{node.markup} {node.info}' is never closed: end it with a "
                  f"line of {len(node.markup)} colons", loc)
    attrs = _attrs(div_info(node.info), loc, ctx)
    with ctx.nested(loc), ctx.column(loc, "column" in attrs.classes):
        raw = convert_blocks(node.children, ctx)
    return build_div(attrs, raw, loc, ctx, DIVS)


def _html_block(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    """Drop an HTML block's tags and read the text between them as Markdown, as Pandoc
    does; a block of comments goes without a word."""
    if is_comment(node.content):
        return _unshown(node, ctx)
    loc = _loc(node, ctx)
    ctx.dropped.note(RAW_HTML, loc, "".join(f"<{n}>" for n in tag_names(node.content)[:1]))
    text = html_text(node.content)
    if not text.strip():
        return _unshown(node, ctx)
    with ctx.nested(loc):
        inner = replace(ctx, offset=ctx.offset + (node.map[0] if node.map else 0))
        return convert_blocks(SyntaxTreeNode(_parser().parse(text)).children, inner)


def _raw_tex_block(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    """Drop a LaTeX environment (``\\begin{center}`` ... ``\\end{center}``) or a command
    standing as a block of its own (``\\note{...}`` over several lines)."""
    ctx.dropped.note(RAW_LATEX, _loc(node, ctx), latex_name(node.content))
    return _unshown(node, ctx)


def _unshown(node: SyntaxTreeNode, ctx: Context) -> list[Raw]:
    """Return the marker of a block no slide shows, at the slide level only (the carver
    drops a slide holding nothing else, as Pandoc does)."""
    return [Unshown(_loc(node, ctx))] if ctx.depth == 0 else []


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
    "math_block": _math_block,
    "html_block": _html_block,
    "raw_tex_block": _raw_tex_block,
    "dl": _definitions,
}
