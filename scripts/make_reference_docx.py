"""Build the packaged Word reference document (styles for the guide) from the default theme.

Run: .venv/bin/python scripts/make_reference_docx.py
Writes src/packgen/templates/reference.docx. A designer may instead edit a copy of that file
in Word and save it as the project's templates/reference.docx: the guide uses its styles
(Title, Subtitle, Heading 1-4, Normal, List Bullet/Number 1-3, Quote, Caption, Guide Table,
TOC Heading, TOC 1 (Word names it "toc 1") and Checklist),
its page set-up, header and footer.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import docx
import yaml
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from packgen.colours import hex_digits
from packgen.model import Theme
from packgen.output.reproducible import normalise_zip
from packgen.writers.docx import oxml
from packgen.writers.docx.guide import add_guide_styles

TEMPLATES = ROOT / "src" / "packgen" / "templates"
SIZES = {"Title": 28, "Subtitle": 11, "Heading 1": 20, "Heading 2": 15, "Heading 3": 12.5,
         "Heading 4": 11}
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def main() -> None:
    """Build the reference document and save it next to the other packaged templates."""
    theme = yaml.safe_load((TEMPLATES / "theme.yaml").read_text(encoding="utf-8"))
    doc = docx.Document()
    oxml.drop_styles_with_effects(doc)
    oxml.set_language(doc, "en-GB")
    style_text(doc, theme["colours"], theme["fonts"])
    oxml.add_table_style(doc, "GuideTable", "Guide Table", "Table Grid",
                             theme["colours"]["accent"], theme["colours"]["accent_text"],
                             theme["colours"]["surface"])
    page_setup(doc)
    add_guide_styles(doc, Theme(colours=theme["colours"], fonts=theme["fonts"]))
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = "Facilitator guide", "packgen", "packgen"
    props.created = props.modified = EPOCH.replace(tzinfo=None)
    props.revision = 1
    doc.save(TEMPLATES / "reference.docx")
    normalise_zip(TEMPLATES / "reference.docx", EPOCH)


def style_text(doc: docx.document.Document, colours: dict, fonts: dict) -> None:
    """Set the body, title, heading, list, quote and caption styles from the theme."""
    normal = doc.styles["Normal"]
    oxml.set_font(normal, fonts["body"])
    normal.font.size = Pt(11)
    normal.font.color.rgb = rgb(colours["text"])
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.2
    for name, size in SIZES.items():
        style = doc.styles[name]
        oxml.set_font(style, fonts["heading"])
        style.font.size = Pt(size)
        style.font.bold = name != "Subtitle"
        style.font.italic = False
        style.font.color.rgb = rgb(colours["muted" if name == "Subtitle" else "accent"])
        style.paragraph_format.space_before = Pt(0 if name in ("Title", "Subtitle") else 12)
        style.paragraph_format.space_after = Pt(6)
    doc.styles["Heading 3"].font.color.rgb = rgb(colours["text"])
    oxml.remove_border(doc.styles["Title"])
    quote = doc.styles["Quote"]
    quote.font.color.rgb = rgb(colours["muted"])
    quote.paragraph_format.left_indent = Cm(0.8)
    caption = doc.styles["Caption"]
    caption.font.size, caption.font.bold = Pt(9), False
    caption.font.color.rgb = rgb(colours["muted"])
    for name in ("List Bullet", "List Bullet 2", "List Bullet 3", "List Number",
                 "List Number 2", "List Number 3"):
        doc.styles[name].paragraph_format.space_after = Pt(3)


def page_setup(doc: docx.document.Document) -> None:
    """Set A4 portrait with 2 cm margins, the title in the header and page numbers below."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    header = section.header.paragraphs[0]
    header.style = doc.styles["Header"]
    oxml.add_field(header, "TITLE")
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Page ")
    oxml.add_field(footer, "PAGE")
    footer.add_run(" of ")
    oxml.add_field(footer, "NUMPAGES")


def rgb(value: str) -> RGBColor:
    """Return a python-docx colour from ``#RRGGBB``."""
    return RGBColor.from_string(hex_digits(value))


if __name__ == "__main__":
    main()
