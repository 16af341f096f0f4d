"""Write the easy-read handout as a Word document: picture-left rows in a layout table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt, RGBColor

from packgen import paths
from packgen.colours import hex_digits
from packgen.errors import PackgenError
from packgen.translations import words
from packgen.writers.docx import oxml
from packgen.writers.docx.blocks import style_font
from packgen.writers.docx.pictures import add_picture_run

UNSUPPORTED_PICTURE = "PG130"

if TYPE_CHECKING:
    from docx.document import Document as DocumentType

    from packgen.model import GlossaryEntry, Image, TailoredPack, Theme
    from packgen.views.handout import HandoutView, Piece, RowView, SectionView

PICTURE = Cm(4)
PICTURE_COLUMN = Cm(4.8)
TEXT_COLUMN = Cm(12.2)
BOX_PICTURE = Cm(2.5)
BOX_PICTURE_COLUMN = Cm(3.4)
ROW_GAP = Pt(18)
SMALL_PICTURE, SMALL_GAP = Cm(3.5), Pt(14)
"""The hard-words and end pages' tighter rows, as in the PDF handout."""
WORD_PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".svg", ".webp")
SIZES = {"Normal": 16, "Heading 1": 32, "Heading 2": 24, "List Bullet": 16}


def write_docx(view: HandoutView, path: Path, root: Path, theme: Theme, built: dt.datetime,
               title: str) -> None:
    """Write ``view`` to ``path`` as an A4 Word document with the handout's layout."""
    doc = Document()
    oxml.drop_styles_with_effects(doc)
    _page_setup(doc, view.language)
    _styles(doc, theme, view.language)
    _properties(doc, view, built, title)
    oxml.remember_style_ids(doc)
    writer = _Writer(doc, root, theme, view.language)
    writer.cover(view)
    for section in view.sections:
        writer.section(section)
    if view.hard_words:
        writer.hard_words(view.hard_words)
    for i, section in enumerate(view.ending):
        writer.section(section, new_page=i == 0, small=True)
    doc.save(str(path))


def _page_setup(doc: DocumentType, lang: str) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.4)
    footer = section.footer.paragraphs[0]
    _ = words(lang)
    footer.add_run(_("Page") + " ")
    oxml.add_field(footer, "PAGE")
    footer.style.font.size = Pt(14)


def _styles(doc: DocumentType, theme: Theme, lang: str) -> None:
    oxml.set_language(doc, lang)
    for name, size in SIZES.items():
        style = doc.styles[name]
        oxml.set_font(style, theme.fonts.get("heading" if "Heading" in name else "body",
                                                 "Atkinson Hyperlegible Next"))
        style.font.size = Pt(size)
        style.font.italic = False
        style.font.color.rgb = _rgb(theme.colour("accent" if "Heading" in name else "text"))
        style.paragraph_format.line_spacing = 1.5 if size == 16 else 1.2
        style.paragraph_format.space_after = Pt(6)
    doc.styles["Heading 2"].paragraph_format.space_before = Pt(18)
    doc.styles["Footer"].font.size = Pt(14)


def _properties(doc: DocumentType, view: HandoutView, built: dt.datetime, title: str) -> None:
    props = doc.core_properties
    props.title = title
    _ = words(view.language)
    props.subject = _("Easy read")
    props.language = view.language
    props.author = view.organisation
    props.last_modified_by = view.organisation
    props.comments = ""
    props.revision = 1
    naive = built.astimezone(dt.UTC).replace(tzinfo=None)
    props.created = props.modified = props.last_printed = naive


class _Writer:
    """Add the handout's parts to a document in reading order."""

    def __init__(self, doc: DocumentType, root: Path, theme: Theme, lang: str) -> None:
        self.doc = doc
        self._ = words(lang)
        self.root = root
        self.theme = theme

    def cover(self, view: HandoutView) -> None:
        """Add the cover: "Easy read", the title, a picture, date, place and organisation."""
        label = self.doc.add_paragraph().add_run(self._("Easy read"))
        label.bold, label.font.size = True, Pt(18)
        self.doc.add_heading(view.title, level=1)
        if view.cover:
            self.picture(self.doc.add_paragraph(), view.cover, Cm(8))
        for text, size in ((view.date, 20), (view.place, 20), (view.organisation, 18)):
            run = self.doc.add_paragraph().add_run(text)
            run.bold, run.font.size = size == 20, Pt(size)
        self.page_break()

    def section(self, section: SectionView, new_page: bool = False, small: bool = False) -> None:
        """Add a heading and the section's rows as a two-column layout table.

        ``small`` rows (the end pages) have smaller pictures and gaps, so the contacts, other
        formats and credits share one page as in the PDF.
        """
        if new_page:
            self.page_break()
        heading = self.doc.add_heading(section.title, level=2)
        if small and not new_page:
            heading.paragraph_format.space_before = Pt(8)
        table = self.table()
        for row in section.rows:
            self.row(table, row, SMALL_PICTURE if small else PICTURE)
        self.finish(table, SMALL_GAP if small else ROW_GAP)

    def hard_words(self, entries: tuple[GlossaryEntry, ...]) -> None:
        """Add the "Hard words" page: each glossary word used, bold, with its meaning."""
        self.page_break()
        self.doc.add_heading(self._("Hard words"), level=2)
        self.doc.add_paragraph(self._("These are the hard words in this easy read."))
        table = self.table()
        for entry in entries:
            picture_cell, words = table.add_row().cells
            if entry.image:
                self.picture(picture_cell.paragraphs[0], entry.image, SMALL_PICTURE)
            words.paragraphs[0].add_run(entry.term).bold = True
            words.add_paragraph(entry.explanation)
            _centre(picture_cell, words)
        self.finish(table, SMALL_GAP)

    def row(self, table: object, row: RowView, size: Cm = PICTURE) -> None:
        """Add one idea: the picture left; sentences, list and hard-word boxes right.

        The picture is centred against the sentences; a row with word boxes under its
        sentences keeps its picture at the top, beside the sentences it shows. A row is
        never split across pages, boxes included.
        """
        picture_cell, words = table.add_row().cells  # type: ignore[attr-defined]
        if row.picture:
            self.picture(picture_cell.paragraphs[0], row.picture, size)
        for i, line in enumerate(row.lines):
            paragraph = words.paragraphs[0] if i == 0 else words.add_paragraph()
            _add_pieces(paragraph, line)
            for run in paragraph.runs if row.lang else ():
                oxml.set_run_language(run, row.lang)
        for item in row.items:
            words.add_paragraph(item, style="List Bullet")
        for entry in row.explained:
            self.box(words, entry)
        if not row.explained:
            _centre(picture_cell, words)

    def box(self, cell: oxml.Cell, entry: GlossaryEntry) -> None:
        """Add a shaded box with an accent rule: the hard word's picture, the word, its meaning."""
        fill = self.theme.colours.get("surface", "#F2F5F7")
        accent = self.theme.colours.get("accent", "#005A70")
        box = cell.add_table(rows=1, cols=2 if entry.image else 1)
        oxml.no_borders(box)
        cells = box.rows[0].cells
        oxml.box_cell(cells[0], fill, accent, 4.5)
        if entry.image:
            self.picture(cells[0].paragraphs[0], entry.image, BOX_PICTURE)
            oxml.box_cell(cells[1], fill, None)
            _centre(*cells)
        words = cells[-1]
        words.paragraphs[0].add_run(entry.term).bold = True
        words.add_paragraph(entry.explanation)
        for paragraph in words.paragraphs:
            paragraph.paragraph_format.space_after = Pt(2)
        widths = [BOX_PICTURE_COLUMN, TEXT_COLUMN - BOX_PICTURE_COLUMN - Cm(0.4)]
        oxml.set_column_widths(box, [w // 635 for w in (widths if entry.image else
                                                          [sum(widths)])])
        oxml.keep_row_whole(box.rows[0])
        gap = cell.add_paragraph().paragraph_format
        gap.space_after, gap.line_spacing = Pt(0), Pt(8)

    def picture(self, paragraph, image: Image, width) -> None:
        """Add a picture with its alt text."""
        path = paths.contained(self.root, self.root / image.src, image.loc.path, image.loc.line)
        if path.suffix.lower() not in WORD_PICTURES:
            raise PackgenError(f"picture type '{path.suffix}' cannot go in the Word handout: "
                               "use PNG or JPEG", image.loc.path, image.loc.line,
                               UNSUPPORTED_PICTURE)
        shape = add_picture_run(paragraph, path, image, width)
        oxml.set_alt_text(shape, image.alt, image.decorative)
        fmt = paragraph.paragraph_format
        fmt.line_spacing, fmt.space_after = 1.0, Pt(0)  # 1.5 lines would stretch the picture

    def table(self):
        """Return a new borderless two-column layout table."""
        table = self.doc.add_table(rows=0, cols=2)
        table.autofit = False
        table.columns[0].width, table.columns[1].width = PICTURE_COLUMN, TEXT_COLUMN
        oxml.set_table_look(table, header=False, banded=False)
        return table

    def finish(self, table, gap: Pt = ROW_GAP) -> None:
        """Set each cell's width and stop rows splitting across pages."""
        for row in table.rows:
            row.cells[0].width, row.cells[1].width = PICTURE_COLUMN, TEXT_COLUMN
            row.cells[1].paragraphs[-1].paragraph_format.space_after = gap
            oxml.keep_row_whole(row)

    def page_break(self) -> None:
        """Start a new page."""
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _centre(*cells: oxml.Cell) -> None:
    for cell in cells:
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


def _add_pieces(paragraph, pieces: tuple[Piece, ...]) -> None:
    for piece in pieces:
        if piece.math:
            oxml.add_math(paragraph, piece.text, piece.math == "display")
            continue
        run = paragraph.add_run(piece.text)
        run.bold = piece.bold or None
        style_font(run.font, piece.styles)


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(hex_digits(colour))


def write(tp: TailoredPack, target: Path) -> None:
    """Write the handout's Word document to ``target``."""
    from packgen.views.handout import document_title, handout_view
    from packgen.views.languages import other_versions

    view = handout_view(tp, other_versions(tp))
    write_docx(view, target, tp.project.root, tp.project.theme, tp.built, document_title(view))
