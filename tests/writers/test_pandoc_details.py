"""Details a Pandoc user notices, in every output: code in a monospace font and line for line,
footnote numbers linked to the Notes slide, a grid table cell's paragraphs on lines of their
own, block quotes without stray quotation marks, and smart typography switched off."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pdfplumber
import pytest
from pptx import Presentation
from project_support import THEME, make

from packgen import api
from packgen.model import Span
from packgen.writers.pptx.blocks import Line, fit_size

MODULE = """\
---
title: Commands
duration: 10
---

## Try it

Run `packgen build` before you share.[^why]

```
packgen build
packgen check
```

::: notes
Say `packgen check` first.

```
first line
    second line
```

> Nothing about us without us.

+------+------------------+
| Step | Say              |
+======+==================+
| One  | Hello.           |
|      |                  |
|      | Then the plan.   |
+------+------------------+
:::

## Steps

+------+-------------------+
| Step | What              |
+======+===================+
| One  | First paragraph.  |
|      |                   |
|      | Second paragraph. |
+------+-------------------+

[^why]: Strict builds fail on warnings.
"""
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _build(root: Path, kinds: tuple[str, ...] = ("deck", "guide")) -> Path:
    result = api.build(root, out_dir=root / "out", kinds=kinds, jobs=1)
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    return root / "out" / "p"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(make(tmp_path_factory.mktemp("project"),
                       {"content/modules/welcome.md": MODULE}))


def _slide(prs: object, title: str) -> object:
    return next(s for s in prs.slides if s.shapes.title.text_frame.text == title)


def _code_fonts(root: object) -> dict[str, str]:
    """Return each code run's text with its typeface (an ``a:latin`` of a monospace font)."""
    return {run.findtext(f"{A}t"): latin.get("typeface") for run in root.iter(f"{A}r")
            if (latin := run.find(f"{A}rPr/{A}latin")) is not None
            and latin.get("pitchFamily") == "49"}


def test_code_on_a_slide_and_in_its_notes_is_set_in_the_monospace_font(built: Path) -> None:
    slide = _slide(Presentation(str(built / "p-slides.pptx")), "Try it")
    assert _code_fonts(slide.shapes._spTree) == {
        "packgen build": "Liberation Mono", "packgen check": "Liberation Mono"}
    notes = _code_fonts(slide.notes_slide.notes_text_frame._txBody)
    assert notes["packgen check"] == "Liberation Mono" and "Say " not in notes


def test_the_theme_names_the_code_font(tmp_path: Path) -> None:
    theme = THEME + "fonts: {code: Courier New}\n"
    out = _build(make(tmp_path, {"content/modules/welcome.md": MODULE,
                                 "templates/theme.yaml": theme}), ("deck",))
    slide = _slide(Presentation(str(out / "p-slides.pptx")), "Try it")
    assert set(_code_fonts(slide.shapes._spTree).values()) == {"Courier New"}


def test_a_footnote_number_on_a_slide_links_to_the_notes_slide(built: Path) -> None:
    prs = Presentation(str(built / "p-slides.pptx"))
    slide = _slide(prs, "Try it")
    links = [r for r in slide.shapes._spTree.iter(f"{A}r")
             if r.find(f"{A}rPr/{A}hlinkClick") is not None]
    assert [r.findtext(f"{A}t") for r in links] == ["1"]
    link = links[0].find(f"{A}rPr/{A}hlinkClick")
    assert link.get("action") == "ppaction://hlinksldjump"
    target = slide.part.related_part(link.get(f"{R}id"))
    assert target is _slide(prs, "Notes").part
    notes = slide.notes_slide.notes_text_frame._txBody
    assert notes.find(f".//{A}hlinkClick") is None


def test_a_grid_table_cell_keeps_its_paragraphs_on_lines_of_their_own(built: Path) -> None:
    slide = _slide(Presentation(str(built / "p-slides.pptx")), "Steps")
    table = next(s for s in slide.shapes if s.has_table).table
    assert table.cell(1, 1).text == "First paragraph.\vSecond paragraph."
    html = (built / "p-guide.html").read_text(encoding="utf-8")
    assert "Hello.<br>Then the plan." in html
    document = docx.Document(str(built / "p-guide.docx"))
    cells = [c for t in document.tables for row in t.rows for c in row.cells]
    said = next(c for c in cells if c.text.startswith("Hello."))
    assert said.paragraphs[0]._p.find(f".//{W}br") is not None
    assert "Hello.\nThen the plan." in _pdf_text(built)


def _pdf_text(built: Path) -> str:
    with pdfplumber.open(built / "p-guide.pdf") as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def test_the_pdf_guide_sets_code_in_the_monospace_font_line_for_line(built: Path) -> None:
    with pdfplumber.open(built / "p-guide.pdf") as pdf:
        chars = [c for p in pdf.pages for c in p.chars]
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    fonts = {c["fontname"].split("+")[-1] for c in chars if c["text"] in "packgen"}
    assert any("LiberationMono" in f for f in fonts), fonts
    assert re.search(r"first line\n\s*second line", text)


def test_the_pdf_guide_draws_a_block_quote_without_quotation_marks(built: Path) -> None:
    text = _pdf_text(built)
    assert "Nothing about us without us." in text
    assert not re.search("[\u201c\u201d\"]", text)


def test_the_word_and_html_guides_show_code_in_the_monospace_font(built: Path) -> None:
    document = docx.Document(str(built / "p-guide.docx"))
    runs = [r for p in document.paragraphs for r in p.runs]
    assert {r.font.name for r in runs if r.text.startswith("first line")} == {"Liberation Mono"}
    block = next(p for p in document.paragraphs if p.text.startswith("first line"))
    assert block.text == "first line\n    second line"
    html = (built / "p-guide.html").read_text(encoding="utf-8")
    assert "<pre><code>first line\n    second line</code></pre>" in html
    assert '--font-code: "Liberation Mono"' in html and "@font-face { font-family: \"Liberation Mono\"" in html


def test_a_guide_without_code_inlines_no_code_font(tmp_path: Path) -> None:
    html = (_build(make(tmp_path, {}), ("guide",)) / "p-guide.html").read_text(encoding="utf-8")
    assert "Liberation Mono" not in html and "--font-code" not in html


def test_smart_typography_can_be_turned_off_for_the_project(tmp_path: Path) -> None:
    module = "---\ntitle: Welcome\nduration: 10\n---\n\n## Hello\n\n\"Don't\" -- go...\n"
    root = make(tmp_path, {"content/modules/welcome.md": module,
                           "packgen.toml": "[markdown]\nsmart = false\n"})
    out = _build(root, ("deck",))
    slide = _slide(Presentation(str(out / "p-slides.pptx")), "Hello")
    text = "".join(s.text_frame.text for s in slide.placeholders if s.has_text_frame)
    assert "\"Don't\" -- go..." in text


def test_a_code_block_is_measured_line_for_line_when_its_size_is_chosen() -> None:
    code = [Span("x = 1", code=True)] * 8
    lines = tuple(s for span in code for s in (Span("", soft_break=True), span))[1:]
    width, height = 10820400, 4206240
    assert fit_size([Line(lines)], width, height, 40, 24) is not None, "eight lines shrink"
    assert fit_size([Line((Span("x = 1 " * 8),))], width, height, 40, 24) is None
