"""Model blocks and inline text as JSON-ready data for the print templates (docs/templates.md)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

from packgen.colours import hex_problem
from packgen.errors import BlockTable, PackgenError
from packgen.model import (
    Activity,
    Block,
    Columns,
    Conditional,
    Image,
    ListBlock,
    Paragraph,
    Quote,
    Space,
    SpacesDiagram,
    Span,
    Table,
    Text,
    Theme,
    is_code_block,
)
from packgen.safety import link_allowed
from packgen.translations import SOURCE
from packgen.writers.equations.typst_math import typst_math
from packgen.writers.spaces import describe
from packgen.writers.spaces_svg import easy_spaces_svg, spaces_svg

UNSUPPORTED_PICTURE = "PG130"
MISSING_ALT = "PG105"

Data = dict[str, object]
PRINT_PICTURES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"})
"""Picture suffixes the print engine can place."""
WIDTH = re.compile(r"^(?P<value>\d+(\.\d+)?)(?P<unit>%|cm|mm|in|px|pt|em)$")
_POINTS = {"cm": 72 / 2.54, "mm": 72 / 25.4, "in": 72.0, "px": 0.75, "pt": 1.0}


class PrintData:
    """Turn blocks into plain data: dicts, lists, strings, numbers and booleans only."""

    def __init__(self, spaces: tuple[Space, ...] = (), theme: Theme | None = None,
                 lang: str = SOURCE) -> None:
        self.spaces = spaces
        self.theme = theme
        self.lang = lang
        """The language of the words written here (a diagram's alt text)."""
        self.easy = False
        """Draw ``::: spaces`` as the easy-read diagram (names only, large)."""

    def blocks(self, blocks: Iterable[Block]) -> list[Data]:
        """Return the data of several blocks, in order."""
        return [self.block(b) for b in blocks]

    def block(self, block: Block) -> Data:
        """Return one block's data (an unknown block type is a bug: InternalError)."""
        return BLOCK_DATA[type(block)](self, block)

    def colour(self, name: str) -> str:
        """Return a theme colour as ``#RRGGBB`` (a literal, or looked up in the theme)."""
        if name.startswith("#") or self.theme is None:
            return name if hex_problem(name, hash_required=True) is None else "#000000"
        return self.theme.colours.get(name, "#000000")


def text(spans: Text, d: PrintData | None = None) -> list[Data]:
    """Return a run of spans as data: ``text``, ``bold``, ``italic``, ``code``, ``link``,
    ``strike``, ``sub``, ``sup``, ``smallcaps``, ``underline``, ``mark``, ``math`` and
    ``note`` (a footnote's blocks, with ``d`` to render them; else None)."""
    return [span(s, d) for s in spans]


def span(s: Span, d: PrintData | None = None) -> Data:
    """Return one span as data (a soft line break is a space, ``break`` true when it is a new
    line all the same; only web, mail, phone links; ``math`` is None for text)."""
    link = s.link if s.link and link_allowed(s.link) else None
    note = d.blocks(s.note.blocks) if s.note is not None and d is not None else None
    return {"text": " " if s.soft_break else s.text, "break": s.new_line,
            "bold": s.bold, "italic": s.italic,
            "code": s.code, "link": link, "strike": s.strike, "sub": s.sub, "sup": s.sup,
            "smallcaps": s.smallcaps, "underline": s.underline, "mark": s.mark,
            "math": equation(s.text, s.math) if s.math else None, "note": note}


def equation(tex: str, kind: str) -> Data:
    """Return an equation as data: ``typst`` (Typst math source for ``eval``), ``alt`` (the
    TeX, read out by screen readers) and ``block`` (display math)."""
    return {"typst": typst_math(tex), "alt": tex, "block": kind == "display"}


def picture(image: Image) -> Data:
    """Return a picture as data: ``src`` from the project root, ``alt``, ``decorative``.

    A meaningful picture without alt text, or of a type the print engine cannot place, is a
    PackgenError at the place that names it (PDF/UA needs alt text on every figure).
    """
    if PurePosixPath(image.src).suffix.lower() not in PRINT_PICTURES:
        raise PackgenError(f"picture '{image.src}' cannot be printed: use PNG, JPEG, GIF, SVG "
                           "or WebP", image.loc.path, image.loc.line, UNSUPPORTED_PICTURE)
    if not image.decorative and not image.alt.strip():
        raise PackgenError(f"picture '{image.src}' has no alt text: write one, or mark it "
                           "{.decorative}", image.loc.path, image.loc.line, MISSING_ALT)
    return {"src": "/" + image.src, "alt": "" if image.decorative else image.alt,
            "decorative": image.decorative}


def width(value: str | None) -> Data | None:
    """Return ``50%`` as ``{"ratio": 0.5}`` and ``5cm`` as ``{"pt": 141.7}``; else None."""
    match = WIDTH.match(value or "")
    if match is None:
        return None
    number, unit = float(match["value"]), match["unit"]
    if unit == "%":
        return {"ratio": number / 100}
    if unit == "em":
        return {"em": number}
    return {"pt": round(number * _POINTS[unit], 3)}


def _paragraph(d: PrintData, block: Paragraph) -> Data:
    """Return a paragraph as data; a code block is one ``code`` span whose text keeps the
    block's line breaks (``\n``)."""
    if is_code_block(block.text):
        lines = "".join("\n" if s.soft_break else s.text for s in block.text)
        return {"type": "paragraph", "text": [span(Span(lines, code=True))]}
    return {"type": "paragraph", "text": text(block.text, d)}


def _list(d: PrintData, block: ListBlock) -> Data:
    items = [{"text": text(i.text, d), "blocks": d.blocks(i.blocks),
              "children": d.blocks(i.children)} for i in block.items]
    return {"type": "list", "ordered": block.ordered, "start": block.start, "items": items}


def _image(d: PrintData, block: Image) -> Data:
    link = block.link if block.link and link_allowed(block.link) else None
    return {"type": "image", **picture(block), "width": width(block.width),
            "caption": block.caption, "link": link}


def _table(d: PrintData, block: Table) -> Data:
    align = [a if a in ("left", "center", "right") else None for a in block.align]
    return {"type": "table", "header": [text(t, d) for t in block.header],
            "rows": [[text(t, d) for t in row] for row in block.rows], "align": align,
            "columns": block.width, "caption": text(block.caption, d)}


def _quote(d: PrintData, block: Quote) -> Data:
    return {"type": "quote", "blocks": d.blocks(block.blocks)}


def _columns(d: PrintData, block: Columns) -> Data:
    return {"type": "columns", "columns": [d.blocks(c) for c in block.columns],
            "widths": [width(w) for w in block.widths]}


def _conditional(d: PrintData, block: Conditional) -> Data:
    return {"type": "group", "blocks": d.blocks(block.blocks)}


def _spaces(d: PrintData, block: SpacesDiagram) -> Data:
    """Return the diagram as SVG text with its alt text, and the spaces for the key below."""
    drawn = "" if d.theme is None or not d.spaces else (
        easy_spaces_svg if d.easy else spaces_svg)(d.spaces, d.theme, highlight=block.highlight,
                                                   lang=d.lang)
    return {"type": "spaces", "svg": drawn, "easy": d.easy,
            "alt": describe([s for s in d.spaces if not s.overlaps],
                            [s for s in d.spaces if s.overlaps], d.lang),
            "spaces": [{"name": s.name, "description": s.description, "holder": s.holder,
                        "colour": d.colour(s.colour)} for s in d.spaces]}


def _activity(d: PrintData, block: Activity) -> Data:
    return {"type": "activity", "title": block.title, "minutes": block.minutes}


BLOCK_DATA: BlockTable[Callable[[PrintData, Block], Data]] = BlockTable(
    "writers.pdf.blocks.BLOCK_DATA", {
        Paragraph: _paragraph,
        ListBlock: _list,
        Image: _image,
        Table: _table,
        Quote: _quote,
        Columns: _columns,
        Conditional: _conditional,
        SpacesDiagram: _spaces,
        Activity: _activity,
    })
"""Block type to the function returning its data; every block type has one."""
