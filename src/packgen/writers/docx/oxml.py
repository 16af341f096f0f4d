"""XML-level work on Word documents that python-docx has no API for."""

from __future__ import annotations

import copy
import re

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.styles.style import BaseStyle
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from packgen.colours import hex_digits
from packgen.writers.equations.omml import omml
from packgen.writers.opc_oxml import add_svg_blip, drop_external

Cell = _Cell
"""python-docx's table cell (a private class there), for type hints outside this module."""
TEXT_WIDTH_CM = 17.0
DEFAULT_PICTURE_CM = 10.0
UNITS_CM = {"cm": 1.0, "mm": 0.1, "in": 2.54, "pt": 2.54 / 72, "px": 2.54 / 96}
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def drop_styles_with_effects(doc: Document) -> None:
    """Remove the legacy ``stylesWithEffects`` part, which Word compares against ``styles``."""
    rels = doc.part.rels
    for rid in [r for r, rel in rels.items() if rel.reltype == STYLES_WITH_EFFECTS]:
        del rels[rid]


def drop_external_relationships(doc: Document) -> None:
    """Remove every external relationship but web and mail hyperlinks, and what refers to it.

    An attached template, a linked picture in a header, a ``file:`` or UNC hyperlink: PG022
    reports each; none may reach an output.
    """
    package = doc.part.package
    drop_external(package.rels, package.iter_parts())


def set_language(doc: Document, lang: str) -> None:
    """Set the document's default language (``docDefaults``) for spelling and screen readers."""
    styles = doc.styles.element
    defaults = _child(styles, "w:docDefaults", first=True)
    rpr = _child(_child(defaults, "w:rPrDefault", first=True), "w:rPr")
    lang_el = _child(rpr, "w:lang")
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang_el.set(qn(attr), lang)


def replace_footer_words(doc: Document, replacements: dict[str, str]) -> None:
    """Replace each footer run whose whole text is a key of ``replacements`` by its value
    (the reference's "Page " and " of " around its page fields, in the pack's language)."""
    for section in doc.sections if replacements else ():
        for paragraph in section.footer.paragraphs:
            for t in paragraph._p.iter(qn("w:t")):
                if t.text in replacements:
                    t.text = replacements[t.text]


def set_run_language(run: object, lang: str) -> None:
    """Mark one run as written in ``lang`` (a sentence in another language than the
    document's), before the run properties that must follow ``w:lang``."""
    rpr = run._r.get_or_add_rPr()  # type: ignore[attr-defined]
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        after = [rpr.find(qn(t)) for t in ("w:eastAsianLayout", "w:specVanish", "w:oMath")]
        found = [el for el in after if el is not None]
        if found:
            found[0].addprevious(lang_el)
        else:
            rpr.append(lang_el)
    lang_el.set(qn("w:val"), lang)


def set_font(style: BaseStyle, family: str) -> None:
    """Set every script slot of a style's font to ``family`` (python-docx sets two of four)."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme}") or "Theme" in attr:
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), family)


def add_table_style(doc: Document, style_id: str, name: str, based_on: str,
                    header_fill: str, header_text: str, band_fill: str) -> None:
    """Add a table style, based on an existing one: 10 pt text, coloured header row, bands."""
    based = doc.styles[based_on].style_id
    el = OxmlElement("w:style")
    el.set(qn("w:type"), "table")
    el.set(qn("w:customStyle"), "1")
    el.set(qn("w:styleId"), style_id)
    el.append(_val("w:name", name))
    el.append(_val("w:basedOn", based))
    el.append(_val("w:uiPriority", "59"))
    rpr = OxmlElement("w:rPr")
    rpr.append(_val("w:sz", "20"))
    rpr.append(_val("w:szCs", "20"))
    el.append(rpr)
    el.append(_table_props())
    el.append(_conditional("firstRow", header_fill, header_text, bold=True))
    el.append(_conditional("band2Horz", band_fill, None, bold=False))
    doc.styles.element.append(el)


def recolour_table_style(doc: Document, name: str, header_fill: str | None,
                         band_fill: str | None) -> None:
    """Set the header-row and banded-row fills of a table style made by ``add_table_style``."""
    style = doc.styles[name].element
    for kind, fill in (("firstRow", header_fill), ("band2Horz", band_fill)):
        for part in style.findall(qn("w:tblStylePr")):
            shd = part.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
            if fill and part.get(qn("w:type")) == kind and shd is not None:
                shd.set(qn("w:fill"), hex_digits(fill))


def mark_header_row(row: _Row) -> None:
    """Mark a table row as a header row, repeated on each page and read as headers."""
    trpr = row._tr.get_or_add_trPr()
    trpr.append(_val("w:tblHeader", None))
    trpr.append(_val("w:cantSplit", None))


def keep_rows_whole(table: Table) -> None:
    """Stop Word splitting any row of ``table`` across pages."""
    for row in table.rows[1:]:
        row._tr.get_or_add_trPr().append(_val("w:cantSplit", None))


def keep_row_whole(row: _Row) -> None:
    """Stop Word splitting ``row`` across pages (a row already kept whole is left alone)."""
    trpr = row._tr.get_or_add_trPr()
    if trpr.find(qn("w:cantSplit")) is None:
        trpr.append(OxmlElement("w:cantSplit"))


def set_table_look(table: Table, header: bool = True, banded: bool = True) -> None:
    """Set which conditional parts of the table style apply (header row, banded rows)."""
    tblpr = table._tbl.tblPr
    look = tblpr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        tblpr.append(look)
    values = {"w:firstRow": header, "w:lastRow": False, "w:firstColumn": False,
              "w:lastColumn": False, "w:noHBand": not banded, "w:noVBand": True}
    look.set(qn("w:val"), "04A0" if header else "0000")
    for key, on in values.items():
        look.set(qn(key), "1" if on else "0")


def restart_numbering(doc: Document, style_name: str) -> int | None:
    """Return a new numbering id restarting the list of ``style_name`` at 1.

    None when the style has no numbering of its own (a designer's style): its list continues.
    """
    numbering = doc.part.numbering_part.element
    ppr = doc.styles[style_name].element.pPr
    if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
        return None
    style_num = ppr.numPr.numId.val
    abstract = next((n.abstractNumId.val for n in numbering.num_lst if n.numId == style_num),
                    None)
    if abstract is None:
        return None
    num = numbering.add_num(abstract)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    override.append(_val("w:startOverride", "1"))
    num.append(override)
    return int(num.numId)


def set_num_id(paragraph: Paragraph, num_id: int) -> None:
    """Attach ``paragraph`` to the numbering instance ``num_id``."""
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_numId().val = num_id
    numpr.get_or_add_ilvl().val = 0


def set_alt_text(inline_shape: object, alt: str, decorative: bool) -> None:
    """Set a picture's alt text (never its file name), or mark it decorative."""
    doc_pr = inline_shape._inline.docPr  # type: ignore[attr-defined]
    doc_pr.set("descr", "" if decorative else alt)
    doc_pr.set("name", f"Picture {doc_pr.get('id')}")
    if decorative:
        ext_lst = OxmlElement("a:extLst")
        ext = OxmlElement("a:ext")
        ext.set("uri", DECORATIVE_EXT)
        mark = ext.makeelement(f"{{{DECORATIVE_NS}}}decorative", {"val": "1"})
        ext.append(mark)
        ext_lst.append(ext)
        doc_pr.append(ext_lst)


def link_picture(inline_shape: object, part: object, url: str) -> None:
    """Make a click on the picture open ``url``, as Word stores a linked picture
    (``a:hlinkClick`` on its ``wp:docPr``)."""
    rid = part.relate_to(url, RT.HYPERLINK, is_external=True)  # type: ignore[attr-defined]
    click = OxmlElement("a:hlinkClick")
    click.set(qn("r:id"), rid)
    inline_shape._inline.docPr.insert(0, click)  # type: ignore[attr-defined]


def add_svg(inline_shape: object, part: object, svg: bytes) -> None:
    """Store ``svg`` behind the picture (whose blip holds its PNG), as Word 2016 and later
    do: one ``/word/media/imageN.svg`` part per distinct SVG."""
    package = part.package  # type: ignore[attr-defined]
    found = next((p for p in package.iter_parts() if str(p.partname).endswith(".svg")
                  and p.blob == svg), None)
    if found is None:
        found = Part(package.next_partname("/word/media/image%d.svg"), "image/svg+xml", svg,
                     package)
    rid = part.relate_to(found, RT.IMAGE)  # type: ignore[attr-defined]
    blip = inline_shape._inline.graphic.graphicData.pic.blipFill.blip  # type: ignore[attr-defined]
    add_svg_blip(blip, rid)


def add_field(paragraph: Paragraph, instruction: str) -> None:
    """Append a simple field (``PAGE``, ``NUMPAGES``) to a paragraph."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def add_hyperlink(paragraph: Paragraph, url: str, text: str, colour: str) -> None:
    """Append an external hyperlink run, underlined in ``colour``."""
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = paragraph.add_run(text)
    run.font.underline = True
    run.font.color.rgb = RGBColor.from_string(hex_digits(colour))
    link.append(copy.deepcopy(run._r))
    run._r.getparent().replace(run._r, link)


def add_math(paragraph: Paragraph, tex: str, display: bool = False) -> None:
    """Append an equation for checked ``tex`` to the paragraph: Word's own ``m:oMath``
    (``m:oMathPara``, centred on its line, for display math)."""
    paragraph._p.append(omml(tex, display))


def header_text(cell: object, colour: str) -> None:
    """Make a header cell's text bold in ``colour`` (the theme's text on accent)."""
    for run in cell.paragraphs[0].runs:  # type: ignore[attr-defined]
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(hex_digits(colour))


def picture_width_cm(width: str | None) -> float:
    """Return a picture's width in centimetres from ``40%``, ``8cm``, ``3in`` or ``300px``."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(%|cm|mm|in|pt|px)", width or "")
    if not match:
        return DEFAULT_PICTURE_CM
    value, unit = float(match[1]), match[2]
    cm = TEXT_WIDTH_CM * value / 100 if unit == "%" else value * UNITS_CM[unit]
    return max(1.0, min(cm, TEXT_WIDTH_CM))


def clear_body(doc: Document) -> None:
    """Remove everything from the body of ``doc`` except its section properties."""
    body = doc.element.body
    for child in list(body):
        if child is not body.sectPr:
            body.remove(child)


def remember_style_ids(doc: Document) -> None:
    """Make ``doc`` look each style name up once.

    python-docx finds a style by name with a search of every style in the document, on every
    paragraph and table that names one (about 8 ms each with the reference document's styles);
    the styles do not change while a document is written, so each answer is kept.
    """
    part = doc.part
    look_up = part.get_style_id
    known: dict[tuple[str, object], str | None] = {}

    def style_id(style_or_name: object, style_type: object) -> str | None:
        if not isinstance(style_or_name, str):
            return look_up(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in known:
            known[key] = look_up(style_or_name, style_type)
        return known[key]

    part.get_style_id = style_id


def set_column_widths(table: Table, widths_twips: list[int]) -> None:
    """Fix a table's column widths (grid and cells) so Word and LibreOffice agree."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_twips):
        col.set(qn("w:w"), str(width))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_twips):
            tcpr = cell._tc.get_or_add_tcPr()
            tcw = tcpr.get_or_add_tcW()
            tcw.type, tcw.w = "dxa", width


def remove_border(style: BaseStyle) -> None:
    """Remove a paragraph style's borders (the default Title style underlines in blue)."""
    ppr = style.element.pPr
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


def _table_props() -> object:
    tblpr = OxmlElement("w:tblPr")
    mar = OxmlElement("w:tblCellMar")
    for side, width in (("w:top", "57"), ("w:left", "85"), ("w:bottom", "57"), ("w:right", "85")):
        m = OxmlElement(side)
        m.set(qn("w:w"), width)
        m.set(qn("w:type"), "dxa")
        mar.append(m)
    tblpr.append(mar)
    return tblpr


def _conditional(kind: str, fill: str, text: str | None, bold: bool) -> object:
    el = OxmlElement("w:tblStylePr")
    el.set(qn("w:type"), kind)
    rpr = OxmlElement("w:rPr")
    if bold:
        rpr.append(_val("w:b", None))
    if text:
        rpr.append(_val("w:color", hex_digits(text)))
    el.append(rpr)
    tcpr = OxmlElement("w:tcPr")
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_digits(fill))
    tcpr.append(shd)
    el.append(tcpr)
    return el


def _val(tag: str, value: str | None) -> object:
    el = OxmlElement(tag)
    if value is not None:
        el.set(qn("w:val"), value)
    return el


def _child(parent: object, tag: str, first: bool = False) -> object:
    found = parent.find(qn(tag))  # type: ignore[attr-defined]
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)  # type: ignore[attr-defined]
        else:
            parent.append(found)  # type: ignore[attr-defined]
    return found


def add_bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """Wrap the runs of ``paragraph`` in a bookmark ``name`` (a contents entry links to it)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    ppr = paragraph._p.pPr
    if ppr is None:
        paragraph._p.insert(0, start)
    else:
        ppr.addnext(start)
    paragraph._p.append(end)


def begin_field(paragraph: Paragraph, instruction: str) -> None:
    """Open a complex field (``TOC``, ``PAGEREF``): its cached result follows, then end_field."""
    _begin_field(paragraph._p, instruction)


def end_field(paragraph: Paragraph) -> None:
    """Close the complex field opened last in ``paragraph`` or an earlier one."""
    _field_char(paragraph._p, "end")


def add_contents_entry(paragraph: Paragraph, text: str, anchor: str, page: int) -> None:
    """Append a contents line: ``text``, a tab, a PAGEREF to ``anchor`` showing ``page``.

    The line links to the bookmark, as the entries Word writes for a TOC field do; the page
    number is a field too, so "update field" (F9, or Tools > Update in LibreOffice) corrects it.
    """
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    for kind, value in (("w:t", text), ("w:tab", None)):
        run = OxmlElement("w:r")
        el = OxmlElement(kind)
        if value is not None:
            el.text = value
            el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run.append(el)
        link.append(run)
    _begin_field(link, f"PAGEREF {anchor} \\h")
    run = OxmlElement("w:r")
    number = OxmlElement("w:t")
    number.text = str(page)
    run.append(number)
    link.append(run)
    _field_char(link, "end")


def box_cell(cell: _Cell, fill: str, edge: str | None, edge_pt: float = 2.25) -> None:
    """Shade ``cell`` with ``fill`` and give it only a left rule in ``edge`` (an aside box).

    With ``edge`` None the cell has no border at all (the rest of a box whose rule is left).
    """
    tcpr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        border = OxmlElement(f"w:{side}")
        if side == "left" and edge is not None:
            border.set(qn("w:val"), "single")
            border.set(qn("w:sz"), str(round(edge_pt * 8)))
            border.set(qn("w:color"), hex_digits(edge))
        else:
            border.set(qn("w:val"), "nil")
        borders.append(border)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_digits(fill))
    margins = OxmlElement("w:tcMar")
    for side, twips in (("top", 113), ("left", 227), ("bottom", 113), ("right", 170)):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), str(twips))
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    for el in (borders, shd, margins):
        tcpr.append(el)
    _order_tcpr(tcpr)


def no_borders(table: Table) -> None:
    """Remove every border of ``table`` (a layout table: only its cells' own borders show)."""
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_val(f"w:{side}", "nil"))
    tblpr.append(borders)
    _order(tblpr, _TBLPR_ORDER)


def tidy_cell(cell: _Cell) -> None:
    """Drop the empty paragraph a new cell starts with, once other content follows it.

    A cell must end with a paragraph, so one is kept after a nested table.
    """
    tc = cell._tc
    first = tc.find(qn("w:p"))
    if first is not None and len(tc.findall(qn("w:p"))) + len(tc.findall(qn("w:tbl"))) > 1 \
            and not first.xpath("string(.)") and not first.findall(".//" + qn("w:drawing")):
        tc.remove(first)
    if tc[-1].tag == qn("w:tbl"):
        tc.append(OxmlElement("w:p"))


def _begin_field(parent: object, instruction: str) -> None:
    _field_char(parent, "begin")
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    run.append(instr)
    parent.append(run)  # type: ignore[attr-defined]
    _field_char(parent, "separate")


def _field_char(p: object, kind: str) -> None:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    p.append(run)  # type: ignore[attr-defined]


_TCPR_ORDER = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders",
               "w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign",
               "w:hideMark")
_TBLPR_ORDER = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
                "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                "w:tblCaption", "w:tblDescription")


def _order_tcpr(tcpr: object) -> None:
    _order(tcpr, _TCPR_ORDER)


def _order(parent: object, order: tuple[str, ...]) -> None:
    rank = {qn(tag): i for i, tag in enumerate(order)}
    children = sorted(parent, key=lambda el: rank.get(el.tag, len(order)))  # type: ignore[attr-defined]
    for child in children:
        parent.append(child)  # type: ignore[attr-defined]


def delete_paragraph(paragraph: Paragraph) -> None:
    """Remove ``paragraph`` from its document."""
    paragraph._p.getparent().remove(paragraph._p)


def row_element(row: _Row) -> object:
    """Return the ``w:tr`` element of ``row``."""
    return row._tr


def mark_built_in(style: BaseStyle) -> None:
    """Drop the custom mark python-docx gives a new style, for one of Word's own names."""
    style.element.attrib.pop(qn("w:customStyle"), None)


def clear_runs(paragraph: Paragraph) -> None:
    """Remove every run of ``paragraph``, keeping its properties."""
    for run in paragraph._p.r_lst:
        paragraph._p.remove(run)
