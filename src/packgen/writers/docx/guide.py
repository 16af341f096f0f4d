"""Write the facilitator guide as a Word document styled by a designer-editable reference."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Cm, Pt, RGBColor

from packgen import safety
from packgen.colours import hex_digits
from packgen.errors import PackgenError
from packgen.model import Activity, TailoredPack, Theme
from packgen.paths import find_template, output_name
from packgen.translations import N_, words
from packgen.views import guide as guide_view
from packgen.views import languages
from packgen.views.guide import audience_name, date_long, document_title, tips_for
from packgen.wording import clock, join_names
from packgen.writers.docx import oxml, pages
from packgen.writers.docx.blocks import DocxBlocks

PLAN_WIDTHS_CM = (2.7, 1.8, 5.6, 1.7, 5.2)
CHECK_WIDTHS_CM = (5.2, 3.8, 8.0)
REQUIRED_STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4",
    "List Bullet", "List Bullet 2", "List Bullet 3", "List Number", "List Number 2",
    "List Number 3", "Quote", "Caption", "Guide Table",
)
"""Styles the guide uses: a designer's reference.docx must define each (copy packgen's)."""
CHECKBOX = "\u2610"
"""The ballot box each checklist line starts with, to tick by hand on the printed guide."""
CONTENTS_FIELD = 'TOC \\o "1-1" \\h \\z \\u'
"""The contents: Heading 1 paragraphs (the guide's parts and modules), linked, page numbered."""
CONTENTS_LINE = "toc 1"
"""Word's own style for a first-level contents line (shown as "TOC 1"), which its TOC uses."""
BOX_FITS = 0.85
"""An activity box is kept on one page when its estimated height is under this share of one."""
THEMED = {"Title": "accent", "Heading 1": "accent", "Heading 2": "accent", "Heading 4": "accent",
          "Subtitle": "muted", "Caption": "muted", "Heading 3": "text", "Normal": "text"}


def write_docx(tp: TailoredPack, target: Path, title: str) -> None:
    """Write the guide for ``tp`` to ``target`` with the styles of the reference document."""
    reference = find_template(tp.project.root, "reference.docx")
    doc = open_reference(reference.path, reference.display)
    if reference.packaged:
        apply_theme(doc, tp.project.theme)
    oxml.replace_footer_words(doc, footer_words(tp.language))
    oxml.clear_body(doc)
    add_guide_styles(doc, tp.project.theme)
    oxml.remember_style_ids(doc)
    writer = GuideDocx(doc, tp)
    for part in (writer.cover, writer.plan, writer.materials, writer.room):
        part()
    for number, module in enumerate(guide_view.module_guides(tp)):
        writer.module(module, page_break=number == 0)
    writer.fill_contents()
    set_properties(doc, tp, title)
    doc.save(str(target))


def open_reference(path: Path, display: str) -> Document:
    """Return the reference document opened, or raise PackgenError if it is unusable.

    The zip is checked first (PG002: sizes, member names, no DOCTYPE) and its external
    relationships are dropped once opened (PG022 reports them), so none reaches the outputs.
    """
    safety.check_docx_file(path, display)
    try:
        doc = docx.Document(str(path))
        oxml.drop_external_relationships(doc)
    except Exception as exc:  # noqa: BLE001 (python-docx raises many types for bad files)
        raise PackgenError(f"not a usable Word reference document ({exc.__class__.__name__}: "
                           f"{exc})", display, code="PG400") from None
    names = {s.name for s in doc.styles}
    missing = [name for name in REQUIRED_STYLES if name not in names]
    if missing:
        raise PackgenError(f"reference.docx lacks the styles {', '.join(missing)}: start from "
                           "a copy of packgen's reference.docx", display, code="PG409")
    return doc


def apply_theme(doc: Document, theme: Theme) -> None:
    """Recolour and refont the packaged styles from the project's theme tokens."""
    for name, colour in THEMED.items():
        style = doc.styles[name]
        family = theme.fonts.get("body" if name in ("Normal", "Caption") else "heading")
        if family:
            oxml.set_font(style, family)
        if colour in theme.colours:
            style.font.color.rgb = RGBColor.from_string(hex_digits(theme.colours[colour]))
    oxml.recolour_table_style(doc, "Guide Table", theme.colours.get("accent"),
                                  theme.colours.get("surface"))


def add_guide_styles(doc: Document, theme: Theme) -> None:
    """Add the contents and checklist styles a reference document lacks (older copies do).

    ``TOC Heading`` titles the contents, ``TOC 1`` is one contents line with a dotted tab to
    its page number, ``Checklist`` is a line starting with a box to tick.
    """
    names = {s.name for s in doc.styles}
    colours = theme.colours
    width = _text_width(doc)
    if "TOC Heading" not in names:
        style = doc.styles.add_style("TOC Heading", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Heading 2"]
    if CONTENTS_LINE not in names:
        style = doc.styles.add_style(CONTENTS_LINE, WD_STYLE_TYPE.PARAGRAPH)
        oxml.mark_built_in(style)
        style.style_id = "TOC1"
        style.base_style = doc.styles["Normal"]
        style.paragraph_format.space_after = Pt(3)
        style.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT,
                                                      WD_TAB_LEADER.DOTS)
    if "Checklist" not in names:
        style = doc.styles.add_style("Checklist", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        fmt = style.paragraph_format
        fmt.left_indent, fmt.first_line_indent = Cm(0.75), Cm(-0.75)
        fmt.space_after, fmt.keep_together = Pt(4), True
        fmt.tab_stops.add_tab_stop(Cm(0.75))
    if "accent" in colours and "TOC Heading" not in names:
        doc.styles["TOC Heading"].font.color.rgb = RGBColor.from_string(
            hex_digits(colours["accent"]))


def _text_width(doc: Document) -> int:
    section = doc.sections[0]
    return int(section.page_width - section.left_margin - section.right_margin)


def footer_words(lang: str) -> dict[str, str]:
    """Return the words of the reference's footer ("Page 3 of 12", around its fields) as the
    language ``lang`` says them: ``{"Page ": "Tudalen ", " of ": " o "}``; none in English."""
    _ = words(lang)
    if _.english:
        return {}
    english = re.split(r"\{n\}|\{total\}", "Page {n} of {total}")
    said = re.split(r"\{n\}|\{total\}", _("Page {n} of {total}"))
    return {e: s for e, s in zip(english, said) if e and len(said) == len(english)}


def set_properties(doc: Document, tp: TailoredPack, title: str) -> None:
    """Set the document's title, language, author and dates (dates from ``tp.built``)."""
    props = doc.core_properties
    built = tp.built.astimezone(dt.UTC).replace(tzinfo=None)
    props.title, props.subject, props.language = title, tp.pack.title, tp.language
    props.author = join_names(tp.pack.facilitators, tp.language) or tp.pack.organisation
    props.last_modified_by, props.revision = "packgen", 1
    props.created = props.modified = built
    props.keywords = props.comments = props.category = ""
    oxml.set_language(doc, tp.language)


class GuideDocx:
    """Add the guide's parts to a Word document, one method per part."""

    def __init__(self, doc: Document, tp: TailoredPack) -> None:
        self.doc, self.tp = doc, tp
        self._ = words(tp.language)
        self.also_in = languages.other_versions(tp)
        """The languages (tags) the front page says the pack is also available in."""
        self.blocks = DocxBlocks(doc, tp)
        colours = tp.project.theme.colours
        self._on_accent = colours.get("accent_text", "#FFFFFF")
        self._accent = colours.get("accent", "#005A70")
        self._surface = colours.get("surface", "#F2F5F7")
        self._contents: object | None = None
        self._listed: list[tuple[str, str]] = []
        self._layout = pages.Layout(doc)

    def cover(self) -> None:
        """Add the title, the key facts and the total time."""
        pack, table, _ = self.tp.pack, self.tp.timetable, self._
        self.doc.add_paragraph(_("Facilitator guide"), style="Subtitle")
        self.doc.add_paragraph(pack.title, style="Title")
        when = _("{start} to {end} ({total} minutes, slot {slot} minutes)",
                 start=clock(table.start), end=clock(table.end), total=table.total,
                 slot=table.slot)
        facts = [(N_("Organisation"), pack.organisation),
                 (N_("Date"), date_long(self.tp)),
                 (N_("Time"), when), (N_("Venue"), pack.venue),
                 (N_("Audience"), audience_name(self.tp, pack.audience)),
                 (N_("Facilitators"), join_names(pack.facilitators, self.tp.language))]
        if pack.participants:
            facts.append((N_("Participants"), str(pack.participants)))
        deck = output_name(pack.id, "deck", "pptx", self.tp.file_language)
        facts.append((N_("Deck"), _("{name} ({n} slides)", name=deck, n=len(self.tp.slides))))
        for label, value in facts:
            p = self.doc.add_paragraph()
            p.add_run(f"{_(label)}: ").bold = True
            p.add_run(value)
        for said in guide_view.also_in(self.tp, self.also_in):
            run = self.doc.add_paragraph().add_run(said.text)
            run.bold = True
            oxml.set_run_language(run, said.lang)
        self.doc.add_paragraph(_("Contents"), style="TOC Heading").paragraph_format \
            .space_before = Pt(24)
        self._contents = self.doc.add_paragraph(style=CONTENTS_LINE)

    def fill_contents(self) -> None:
        """Fill the contents field with a line per Heading 1 and its estimated page.

        The field is Word's own (``TOC``), so updating it in Word or LibreOffice rebuilds it;
        the lines written here are what both show before any update.
        """
        placeholder = self._contents
        if placeholder is None or not self._listed:
            return
        insert = placeholder.insert_paragraph_before  # type: ignore[attr-defined]
        lines = [insert(f"{text}\t00", style=CONTENTS_LINE) for text, _ in self._listed]
        found = pages.page_of_bookmarks(self.doc)  # with the contents as long as it will be
        for number, (line, (text, anchor)) in enumerate(zip(lines, self._listed)):
            oxml.clear_runs(line)
            if number == 0:
                oxml.begin_field(line, CONTENTS_FIELD)
            oxml.add_contents_entry(line, text, anchor, found.get(anchor, 1))
        oxml.end_field(lines[-1])
        oxml.delete_paragraph(placeholder)  # type: ignore[arg-type]

    def plan(self) -> None:
        """Add the session plan table and the timing summary."""
        _ = self._
        self._heading(_("Session plan"), 1, page_break=True)
        rows = [[f"{r.start}–{r.end}", str(r.minutes), [r.title, *r.activities], r.slides,
                 list(r.materials)] for r in guide_view.session_plan(self.tp)]
        self._table((_("Time"), _("Minutes"), _("What happens"), _("Slides"), _("Materials")), rows,
                    PLAN_WIDTHS_CM)
        self.doc.add_paragraph(guide_view.timing_summary(self.tp), style="Caption")

    def materials(self) -> None:
        """Add the materials checklist table."""
        _ = self._
        self._heading(_("Materials checklist"), 1)
        items = guide_view.materials_checklist(self.tp)
        if not items:
            self.doc.add_paragraph(_("The modules name no materials."))
            return
        rows = [[f"{CHECKBOX}  {i.name}", i.rule if i.total is None else
                 f"{i.total} ({i.rule})" if i.rule else str(i.total),
                 "; ".join(i.used_in)] for i in items]
        self._table((_("Item"), _("How many"), _("Where it is used")), rows, CHECK_WIDTHS_CM)

    def room(self) -> None:
        """Add the room and access checklist."""
        self._heading(self._("Room and access checklist"), 1)
        items = guide_view.room_checklist(self.tp)
        for number, item in enumerate(items):
            p = self.doc.add_paragraph(f"{CHECKBOX}\t{item}", style="Checklist")
            p.paragraph_format.keep_with_next = number < len(items) - 1 and len(items) <= 30

    def module(self, guide: guide_view.ModuleGuide, page_break: bool = False) -> None:
        """Add one module: times, objectives, key messages, slides with notes, activities."""
        module, _ = guide.module, self._
        self._heading(module.title, 1, page_break=page_break)
        meta = _("{start} to {end}", start=guide.start, end=guide.end) + " · " + \
            _("{n} minutes", n=guide.minutes)
        if guide.slide_range:
            meta += " · " + _("Slides {numbers}", numbers=guide.slide_range)
        self.doc.add_paragraph(meta, style="Caption").paragraph_format.keep_with_next = True
        self._aims(((_("Objectives"), module.objectives),
                    (_("Key messages"), module.key_messages)))
        self._heading(_("Slides and notes"), 2)
        for entry in guide.slides:
            self._slide(entry)
        for activity in guide.extra_activities:
            with self._box():
                self._heading(_("Activity: {title}", title=activity.title), 3)
                self._activity(activity)
        for entry in guide.closing:
            self._slide(entry)

    def _aims(self, groups: tuple[tuple[str, tuple[str, ...]], ...]) -> None:
        """Add the objectives and key messages side by side in one shaded box, as the PDF."""
        present = [(title, items) for title, items in groups if items]
        if not present:
            return
        table = self.doc.add_table(rows=1, cols=len(present))
        oxml.no_borders(table)
        width = int(oxml.TEXT_WIDTH_CM * 567 / len(present))
        oxml.set_column_widths(table, [width] * len(present))
        for cell, (title, items) in zip(table.rows[0].cells, present):
            oxml.box_cell(cell, self._surface, self._surface, 0.5)
            with self.blocks.into(cell):
                self.blocks.add_paragraph(title, style="Heading 4")
                for item in items:
                    self.blocks.add_paragraph(item, style="List Bullet")
        oxml.keep_row_whole(table.rows[0])
        self.doc.add_paragraph(style="Caption").paragraph_format.space_after = Pt(0)

    def _slide(self, entry: guide_view.SlideEntry) -> None:
        if entry.activity is not None:
            with self._box():
                self._slide_body(entry)
        else:
            self._slide_body(entry)

    def _slide_body(self, entry: guide_view.SlideEntry) -> None:
        _ = self._
        title = _("Activity: {title}", title=entry.title) if entry.activity else entry.title
        self._heading(_("Slide {n}", n=entry.number) + f" · {title}", 3)
        for sentence in entry.sentences:
            self.blocks.runs(self.blocks.add_paragraph(style="Quote"), sentence)
        if entry.activity is not None:
            self._activity(entry.activity)
        elif entry.notes:
            self.blocks.render(entry.notes)
        else:
            self.blocks.add_paragraph(self._("No notes."), style="Caption")

    @contextmanager
    def _box(self) -> Iterator[None]:
        """Put what the ``with`` adds in a shaded box with an accent rule, kept on one page."""
        table = self.doc.add_table(rows=1, cols=1)
        oxml.no_borders(table)
        oxml.set_column_widths(table, [int(oxml.TEXT_WIDTH_CM * 567)])
        cell = table.rows[0].cells[0]
        oxml.box_cell(cell, self._surface, self._accent)
        with self.blocks.into(cell):
            yield
        layout = self._layout
        if layout.row_height(oxml.row_element(table.rows[0])) < BOX_FITS * layout.height:
            oxml.keep_row_whole(table.rows[0])
        self.doc.add_paragraph(style="Caption").paragraph_format.space_after = Pt(0)

    def _activity(self, a: Activity) -> None:
        _, lang = self._, self.tp.language
        self.blocks.add_paragraph(_("{n} minutes", n=a.minutes)
                                  + (f" · {a.group}" if a.group else ""), style="Caption")
        sections: list[tuple[str, Callable[[], None]]] = [
            (_("On the slide"), lambda: self.blocks.render(a.intro)),
            (_("Materials"), lambda: self.blocks.items(
                [f"{m.name} ({guide_view.material_rule(m, lang=lang)})" for m in a.materials],
                False)),
            (_("Steps"), lambda: self.blocks.items(list(a.steps), True)),
            (_("Debrief questions"), lambda: self.blocks.items(list(a.debrief), False)),
        ]
        present = (a.intro, a.materials, a.steps, a.debrief)
        for (heading, add), content in zip(sections, present):
            if content:
                self._heading(heading, 4)
                add()
        for tip in tips_for(a.tips, self.tp.pack.audience):
            self._heading(_("Tip for {audience}", audience=audience_name(self.tp, tip.audience)),
                          4)
            self.blocks.render(tip.blocks)
        if a.notes:
            self._heading(_("Notes"), 4)
            self.blocks.render(a.notes)

    def _heading(self, text: str, level: int, page_break: bool = False) -> None:
        p = self.blocks.add_paragraph(text, style=f"Heading {level}")
        fmt = p.paragraph_format
        fmt.page_break_before = page_break or None
        fmt.keep_with_next = fmt.keep_together = True
        if level == 1 and self.blocks.target is self.doc:
            anchor = f"_Toc{len(self._listed) + 1:04d}"
            oxml.add_bookmark(p, anchor, len(self._listed) + 1)
            self._listed.append((text, anchor))

    def _table(self, header: Iterable[str], rows: list[list[object]],
               widths: tuple[float, ...]) -> None:
        names = list(header)
        table = self.doc.add_table(rows=1, cols=len(names), style="Guide Table")
        oxml.set_table_look(table)
        oxml.mark_header_row(table.rows[0])
        for cell, name in zip(table.rows[0].cells, names):
            self._header_cell(cell, name)
        for row in rows:
            for cell, value in zip(table.add_row().cells, row):
                lines = value if isinstance(value, list) else [str(value)]
                cell.text = "\n".join(str(v) for v in lines)
        oxml.keep_rows_whole(table)
        oxml.set_column_widths(table, [int(w * 567) for w in widths])

    def _header_cell(self, cell: object, name: str) -> None:
        cell.paragraphs[0].add_run(name)  # type: ignore[attr-defined]
        oxml.header_text(cell, self._on_accent)


def write(tp: TailoredPack, target: Path) -> None:
    """Write the guide's Word document to ``target``."""
    write_docx(tp, target, document_title(tp))
