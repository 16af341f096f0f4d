"""Pandoc's tables, footnotes, list item blocks, task and definition lists in every output:
the deck reopened with python-pptx (and compared with what Pandoc's own writer makes), the
guide's PDF text and HTML elements, and the Word guide's text."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pdfplumber
import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from project_support import make

from packgen.api import build
from packgen.model import Loc, Span, Table
from packgen.writers.docx.blocks import DocxBlocks
from packgen.writers.html.blocks import HtmlRenderer
from packgen.writers.pdf.blocks import PrintData

BODY = """\
## Simple table

  Right     Left     Center     Default
-------     ------ ----------   -------
     12     12        12            12
    123     123       123          123

Table: Demonstration of simple table syntax.

## Headerless table

-------     ------ ----------   -------
     12     12        12             12
    123     123       123           123
-------     ------ ----------   -------

## Multiline table

-------------------------------------------------------------
 Centered   Default           Right Left
  Header    Aligned         Aligned Aligned
----------- ------- --------------- -------------------------
   First    row                12.0 Example of a row that
                                    spans multiple lines.

  Second    row                 5.0 Here's another one.
-------------------------------------------------------------

## Grid table

+---------------+---------------+--------------------+
| Fruit         | Price         | Advantages         |
+===============+===============+====================+
| Bananas       | $1.34         | - built-in wrapper |
|               |               | - bright color     |
+---------------+---------------+--------------------+

## History

Co-production started in the 1970s[^1] and spread^[To health and care.] widely.

[^1]: Ostrom's work in Indiana.

::: notes
Mention the history briefly[^n].

[^n]: Only if asked.

| Room    | Needs |
|---------|-------|
| Hall    | loop  |
:::

## Plans

- Plan the meeting

  > Ask the members first.

- Check the room

## Words and tasks

Co-production
: Working together as equals.

- [ ] Book the room
- [x] Send the invitations
"""
MODULE = f"---\ntitle: Structure\nduration: 10\n---\n\n{BODY}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make(tmp_path_factory.mktemp("structure"),
                {"content/modules/welcome.md": MODULE})
    result = build(root, out_dir=root / "out", jobs=1)
    assert not [d for d in result.diagnostics if d.severity.value == "error"]
    return root / "out" / "p"


def _deck(built: Path):
    return Presentation(str(next(built.glob("*.pptx"))))


def _slide(prs, title: str):
    return next(s for s in prs.slides if s.shapes.title is not None
                and s.shapes.title.text_frame.text == title)


def _tables(prs) -> list[tuple[bool, list[list[str]]]]:
    return [(shape.table.first_row, [[_words(c.text) for c in row.cells]
                                     for row in shape.table.rows])
            for slide in prs.slides for shape in slide.shapes if shape.has_table]


def _words(text: str) -> str:
    return " ".join(re.findall(r"[\w$.']+", text.replace("\u2019", "'")))


_NOT_BODY = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.FOOTER,
             PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)


def _body(slide) -> list[str]:
    return [p.text for shape in slide.placeholders if shape.placeholder_format.type
            not in _NOT_BODY and shape.has_text_frame for p in shape.text_frame.paragraphs
            if p.text]


def test_every_table_form_reaches_the_deck_with_its_cells_and_header_row(built: Path) -> None:
    tables = _tables(_deck(built))
    assert tables[0] == (True, [["Right", "Left", "Center", "Default"], ["12"] * 4,
                                ["123"] * 4])
    assert tables[1] == (False, [["12"] * 4, ["123"] * 4])
    assert tables[2][1][0] == ["Centered Header", "Default Aligned", "Right Aligned",
                               "Left Aligned"]
    assert tables[2][1][1][3] == "Example of a row that spans multiple lines."
    assert tables[3] == (True, [["Fruit", "Price", "Advantages"],
                                ["Bananas", "$1.34", "built in wrapper bright color"]])


def test_a_table_caption_is_drawn_under_its_table(built: Path) -> None:
    slide = _slide(_deck(built), "Simple table")
    table = next(s for s in slide.shapes if s.has_table)
    caption = next(s for s in slide.shapes if s.has_text_frame
                   and s.text_frame.text == "Demonstration of simple table syntax.")
    assert caption.top >= table.top + table.height


def _pandoc() -> str | None:
    try:
        import pypandoc
        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


def test_the_deck_has_the_tables_pandocs_writer_makes(built: Path, tmp_path: Path) -> None:
    pandoc = _pandoc()
    if pandoc is None:
        pytest.skip("Pandoc is not installed")
    source = tmp_path / "deck.md"
    source.write_text(BODY, encoding="utf-8")
    subprocess.run([pandoc, str(source), "--slide-level", "2", "-o", str(tmp_path / "p.pptx")],
                   check=True, capture_output=True)
    assert _tables(_deck(built))[:4] == _tables(Presentation(str(tmp_path / "p.pptx")))


def test_footnotes_are_numbered_in_the_text_and_listed_on_a_notes_slide(built: Path) -> None:
    prs = _deck(built)
    history = _slide(prs, "History")
    runs = [r for shape in history.placeholders if shape.placeholder_format.type
            not in _NOT_BODY for p in shape.text_frame.paragraphs for r in p.runs]
    raised = [r.text for r in runs if r.font._rPr.get("baseline") == "30000"]
    assert raised == ["1", "2"]
    titles = [s.shapes.title.text_frame.text for s in prs.slides if s.shapes.title is not None]
    assert titles.index("Notes") == titles.index("Words and tasks") + 1
    assert _body(_slide(prs, "Notes")) == ["1. Ostrom’s work in Indiana.",
                                           "2. To health and care."]


def test_a_footnote_in_the_speaker_notes_stays_in_the_notes(built: Path) -> None:
    notes = _slide(_deck(built), "History").notes_slide.notes_text_frame.text
    assert "Mention the history briefly1." in notes
    assert notes.rstrip().endswith("1. Only if asked.")


def test_list_items_keep_their_quotes_and_tasks_and_terms_show_as_pandoc_does(
        built: Path) -> None:
    prs = _deck(built)
    assert _body(_slide(prs, "Plans")) == ["Plan the meeting", "Ask the members first.",
                                           "Check the room"]
    words = _slide(prs, "Words and tasks")
    assert _body(words) == ["Co-production", "Working together as equals.",
                            "\u2610 Book the room", "\u2612 Send the invitations"]
    term = next(p for shape in words.placeholders if shape.has_text_frame
                for p in shape.text_frame.paragraphs if p.text == "Co-production")
    assert all(r.font.bold for r in term.runs)


def test_the_guide_pdf_prints_notes_footnotes_and_tables(built: Path) -> None:
    with pdfplumber.open(next(built.glob("*-guide.pdf"))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "Mention the history briefly" in text and "Only if asked." in text
    assert "Hall" in text and "loop" in text


def test_the_guide_html_links_footnotes_both_ways(built: Path) -> None:
    html = next(built.glob("*-guide.html")).read_text(encoding="utf-8")
    ref = re.search(r'<sup class="footnote-ref"><a href="#(fn-\d+)" id="\1-ref"', html)
    assert ref is not None
    note = re.search(rf'<li id="{ref[1]}" value="1"><p>Only if asked.</p> '
                     rf'<a href="#{ref[1]}-ref"', html)
    assert note is not None


def test_the_word_guide_follows_notes_with_their_footnotes(built: Path) -> None:
    document = docx.Document(str(next(built.glob("*-guide.docx"))))
    texts = [p.text for p in document.paragraphs]
    mention = next(i for i, t in enumerate(texts) if t.startswith("Mention the history"))
    assert texts[mention] == "Mention the history briefly1."
    assert "1. Only if asked." in texts[mention:]


# --- one block at a time -------------------------------------------------------------------


def _cells(*rows: str) -> tuple[tuple[tuple[Span, ...], ...], ...]:
    return tuple(tuple((Span(cell),) for cell in row.split("|")) for row in rows)


HEADERLESS = Table((), _cells("Hall|loop", "Chairs|20"), Loc("m.md", 1), ("left", "right"),
                   (Span("What the room needs."),))


def test_a_headerless_table_has_no_head_in_html_and_keeps_its_caption(tmp_path: Path) -> None:
    html = str(HtmlRenderer(tmp_path).block(HEADERLESS))
    assert "<thead>" not in html and "<th" not in html
    assert html.startswith('<table class="content-table"><caption>What the room needs.</caption>')
    assert '<td style="text-align:right">20</td>' in html


def test_a_headerless_table_in_word_marks_no_header_row_and_keeps_its_caption() -> None:
    from deck_sample import sample

    from packgen.paths import packaged_templates
    document = docx.Document(str(packaged_templates() / "reference.docx"))
    DocxBlocks(document, sample()).render([HEADERLESS])
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [["Hall", "loop"],
                                                                    ["Chairs", "20"]]
    assert table._tbl.xpath(".//w:tblHeader") == []
    assert document.paragraphs[-1].text == "What the room needs."
    assert document.paragraphs[-1].style.name == "Caption"


def test_print_data_gives_the_column_count_and_caption_of_a_headerless_table() -> None:
    data = PrintData().block(HEADERLESS)
    assert data["header"] == [] and data["columns"] == 2
    assert [s["text"] for s in data["caption"]] == ["What the room needs."]
