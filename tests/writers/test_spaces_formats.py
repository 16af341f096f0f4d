"""The guide's formats draw the spaces diagram too: SVG in HTML and PDF, a picture in Word."""

from __future__ import annotations

from pathlib import Path

import docx
from deck_sample import L, sample

from packgen.model import SpacesDiagram
from packgen.writers.docx.blocks import DocxBlocks
from packgen.writers.html.blocks import HtmlRenderer
from packgen.writers.pdf.blocks import PrintData
from packgen.writers.pdf.engine import svg_png
from packgen.writers.spaces_svg import spaces_svg


def test_the_html_guide_draws_the_diagram_with_its_key(tmp_path: Path) -> None:
    tp = sample()
    html = str(HtmlRenderer(tmp_path, tp.project.spaces, tp.project.theme).block(
        SpacesDiagram(L, ())))
    assert '<figure class="spaces"><svg' in html and 'role="img"' in html
    for space in tp.project.spaces:
        assert f"<strong>{space.name}</strong>" in html


def test_the_html_easy_read_diagram_has_no_key(tmp_path: Path) -> None:
    tp = sample()
    renderer = HtmlRenderer(tmp_path, tp.project.spaces, tp.project.theme)
    renderer.easy = True
    html = str(renderer.block(SpacesDiagram(L, ())))
    assert "<svg" in html and "<ul>" not in html


def test_the_print_data_carries_the_drawing_and_its_alt_text() -> None:
    tp = sample()
    data = PrintData(tp.project.spaces, tp.project.theme).block(SpacesDiagram(L, ()))
    assert str(data["svg"]).startswith("<svg") and "overlap" in str(data["alt"])


def test_the_print_engine_draws_the_svg() -> None:
    tp = sample()
    png = svg_png(spaces_svg(tp.project.spaces, tp.project.theme), 200, 72)
    assert png.startswith(b"\x89PNG")


def test_the_word_guide_gets_the_diagram_as_a_described_picture() -> None:
    tp = sample()
    document = docx.Document()
    DocxBlocks(document, tp).render([SpacesDiagram(L, ())])
    pictures = document.inline_shapes
    assert len(pictures) == 1
    described = pictures[0]._inline.docPr.get("descr")
    assert described.startswith("Diagram of overlapping spaces")
    texts = [p.text for p in document.paragraphs if p.text]
    assert any(t.startswith(tp.project.spaces[0].name) for t in texts)
