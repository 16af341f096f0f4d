"""Convert model blocks to Word paragraphs, real lists, tables and pictures (python-docx)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from docx.document import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Cm
from docx.text.paragraph import Paragraph as DocxParagraph

from packgen import paths
from packgen.errors import BlockTable
from packgen.model import (
    Activity,
    Block,
    Columns,
    Conditional,
    Footnote,
    Image,
    ListBlock,
    Paragraph,
    Quote,
    SpacesDiagram,
    Span,
    Table,
    TailoredPack,
    Text,
    is_code_block,
)
from packgen.safety import link_allowed
from packgen.writers.docx import oxml
from packgen.writers.docx.pictures import add_picture_run
from packgen.writers.pdf.engine import svg_png
from packgen.writers.spaces import describe
from packgen.writers.spaces_svg import easy_spaces_svg, spaces_svg

DIAGRAM_WIDTH_CM = 16.0


DEFAULT_CODE_FONT = "Liberation Mono"
"""Code's family when the theme names none (the packaged theme.yaml's ``code``)."""


class DocxBlocks:
    """Convert model blocks to Word paragraphs, lists, tables and pictures."""

    easy = False
    """Draw ``::: spaces`` as the easy-read diagram when the pack is easy read."""
    _notes: list[Footnote] | None = None
    """Footnotes referred to by the blocks being rendered, in order (None outside ``render``)."""

    def __init__(self, doc: Document, tp: TailoredPack) -> None:
        self.doc, self.tp = doc, tp
        self.target: Document | oxml.Cell = doc
        """Where paragraphs go: the document's body, or a table cell while ``into`` lasts."""
        self.accent = tp.project.theme.colours.get("accent", "#005A70")
        self._on_accent = tp.project.theme.colours.get("accent_text", "#FFFFFF")
        self.code_font = tp.project.theme.fonts.get("code", DEFAULT_CODE_FONT)
        """The family of code spans and code blocks (theme.yaml's ``code``)."""

    def render(self, blocks: Iterable[Block], style: str | None = None) -> None:
        """Add blocks in order (an unknown block type is a bug: InternalError).

        The footnotes they refer to follow them as numbered endnotes (``1. text``).
        """
        outer, self._notes = self._notes, []
        try:
            for block in blocks:
                DOCX_RENDERERS[type(block)](self, block, style)
            found = self._notes
        finally:
            self._notes = outer
        if outer is not None:
            outer.extend(found)
            return
        for note in found:
            first = note.blocks[0] if note.blocks else None
            mark = (Span(f"{note.number}. "),)
            if isinstance(first, Paragraph):
                self.runs(self.add_paragraph(style="Caption"), mark + first.text)
                self.render(note.blocks[1:], "Caption")
            else:
                self.runs(self.add_paragraph(style="Caption"), mark)
                self.render(note.blocks, "Caption")

    @contextmanager
    def into(self, cell: oxml.Cell) -> Iterator[None]:
        """Add every block to ``cell`` (an activity box) until the ``with`` ends."""
        outer, self.target = self.target, cell
        try:
            yield
        finally:
            self.target = outer
            oxml.tidy_cell(cell)

    def add_paragraph(self, text: str = "", style: str | None = None) -> DocxParagraph:
        """Return a new paragraph at the end of the current target."""
        return self.target.add_paragraph(text, style=style)

    def add_table(self, cols: int, style: str) -> object:
        """Return a new one-row table with ``style`` at the end of the current target."""
        if self.target is self.doc:
            return self.doc.add_table(rows=1, cols=cols, style=style)
        table = self.target.add_table(rows=1, cols=cols)
        table.style = style
        return table

    def runs(self, paragraph: DocxParagraph, text: Text) -> None:
        """Add a paragraph's spans as runs (every inline style and links kept; equations as
        Word equations; a code block keeps its lines)."""
        lines = is_code_block(text)
        for span in text:
            if span.soft_break and (lines or span.new_line):
                paragraph.add_run().add_break()
            elif span.soft_break:
                paragraph.add_run(" ")
            elif span.math:
                oxml.add_math(paragraph, span.text, span.math == "display")
            elif span.note is not None:
                paragraph.add_run(span.text).font.superscript = True
                if self._notes is not None:
                    self._notes.append(span.note)
            elif span.link and link_allowed(span.link):
                oxml.add_hyperlink(paragraph, span.link, span.text, self.accent)
            else:
                _style_run(paragraph.add_run(span.text), span, self.code_font)

    def items(self, texts: list[str] | list[Text], ordered: bool) -> None:
        """Add a one-level list of strings or spans (numbered lists restart at 1)."""
        style = "List Number" if ordered else "List Bullet"
        num_id = oxml.restart_numbering(self.doc, style) if ordered else None
        for text in texts:
            p = self.add_paragraph(style=style)
            if isinstance(text, str):
                p.add_run(text)
            else:
                self.runs(p, text)
            if num_id is not None:
                oxml.set_num_id(p, num_id)

    def list(self, block: ListBlock, depth: int = 1) -> None:
        """Add a list with nesting kept as List Bullet/Number 2 and 3."""
        base = "List Number" if block.ordered else "List Bullet"
        style = base if depth == 1 else f"{base} {min(depth, 3)}"
        num_id = oxml.restart_numbering(self.doc, style) if block.ordered else None
        for item in block.items:
            p = self.add_paragraph(style=style)
            self.runs(p, item.text)
            if num_id is not None:
                oxml.set_num_id(p, num_id)
            self.render(item.blocks, "List Continue" if depth == 1
                        else f"List Continue {min(depth, 3)}")
            for child in item.children:
                self.list(child, depth + 1)

    def picture(self, block: Image) -> None:
        """Add a picture with its alt text and any caption (decorative ones are left out)."""
        if block.decorative:
            return
        root = self.tp.project.root
        path = paths.contained(root, root / block.src, block.loc.path, block.loc.line)
        paragraph = self.add_paragraph()
        shape = add_picture_run(paragraph, path, block, Cm(oxml.picture_width_cm(block.width)))
        oxml.set_alt_text(shape, block.alt, False)
        if block.link and link_allowed(block.link):
            oxml.link_picture(shape, paragraph.part, block.link)
        if block.caption:
            self.add_paragraph(block.caption, style="Caption")

    def table(self, block: Table) -> None:
        """Add a content table with a marked header row (when it has one) and its caption."""
        table = self.add_table(max(block.width, 1), "Guide Table")
        oxml.set_table_look(table, header=block.has_header)
        rows = iter(table.rows)
        if block.has_header:
            oxml.mark_header_row(table.rows[0])
            for cell, text in zip(next(rows).cells, block.header):
                self.runs(cell.paragraphs[0], text)
                oxml.header_text(cell, self._on_accent)
        for row in block.rows:
            cells = next(rows, None) or table.add_row()
            for cell, text in zip(cells.cells, row):
                self.runs(cell.paragraphs[0], text)
        if block.caption:
            self.runs(self.add_paragraph(style="Caption"), block.caption)


def _paragraph(r: DocxBlocks, block: Paragraph, style: str | None) -> None:
    r.runs(r.add_paragraph(style=style), block.text)


def _quote(r: DocxBlocks, block: Quote, style: str | None) -> None:
    r.render(block.blocks, "Quote")


def _inner(r: DocxBlocks, block: Columns | Conditional, style: str | None) -> None:
    groups = block.columns if isinstance(block, Columns) else (block.blocks,)
    for blocks in groups:
        r.render(blocks, style)


def _spaces(r: DocxBlocks, block: SpacesDiagram, style: str | None) -> None:
    """Add the drawn diagram (a PNG of the guide's SVG, with alt text), then its key."""
    project = r.tp.project
    easy = r.easy
    if project.spaces:
        draw = easy_spaces_svg if easy else spaces_svg
        png = svg_png(draw(project.spaces, project.theme, highlight=block.highlight,
                           lang=r.tp.language),
                      DIAGRAM_WIDTH_CM * 72 / 2.54)
        run = r.add_paragraph().add_run()
        shape = run.add_picture(io.BytesIO(png), width=Cm(DIAGRAM_WIDTH_CM))
        base = [s for s in project.spaces if not s.overlaps]
        oxml.set_alt_text(shape, describe(base, [s for s in project.spaces if s.overlaps],
                                          r.tp.language), False)
    if not easy:
        r.items([f"{s.name}: {s.description} ({s.holder})" for s in project.spaces], False)


def _activity(r: DocxBlocks, block: Activity, style: str | None) -> None:
    r.add_paragraph(f"Activity: {block.title} ({block.minutes} min)", style=style)


DOCX_RENDERERS: BlockTable[Callable[[DocxBlocks, object, str | None], None]] = BlockTable(
    "writers.docx.blocks.DOCX_RENDERERS", {
        Paragraph: _paragraph,
        ListBlock: lambda r, b, s: r.list(b),
        Image: lambda r, b, s: r.picture(b),
        Table: lambda r, b, s: r.table(b),
        Quote: _quote,
        Columns: _inner,
        Conditional: _inner,
        SpacesDiagram: _spaces,
        Activity: _activity,
    })
"""Block type to its Word converter."""


def _style_run(run: Any, span: Span, code_font: str) -> None:
    """Give ``run`` the inline styles of ``span`` (code in ``code_font``)."""
    run.bold, run.italic = span.bold or None, span.italic or None
    if span.code:
        run.font.name = code_font
    style_font(run.font, [n for n in (*FONT_STYLES, "mark") if getattr(span, n)])


FONT_STYLES = {"strike": "strike", "sub": "subscript", "sup": "superscript",
               "smallcaps": "small_caps", "underline": "underline"}
"""A ``Span`` style to the python-docx font property that shows it (Word's own ``w:strike``,
``w:vertAlign``, ``w:smallCaps``, ``w:u``); ``mark`` is a yellow ``w:highlight``."""


def style_font(font: Any, styles: Iterable[str]) -> None:
    """Turn on the Word run properties of ``styles`` (``Span`` style names) on ``font``."""
    for name in styles:
        if name == "mark":
            font.highlight_color = WD_COLOR_INDEX.YELLOW
        else:
            setattr(font, FONT_STYLES[name], True)
