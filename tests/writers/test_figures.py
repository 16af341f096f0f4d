"""Figures, linked pictures and SVG pictures in every output, reopened as a reader meets them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from lxml import etree
from PIL import Image as PILImage
from pptx import Presentation
import project_support
from project_support import make

from packgen import api

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">'
       '<rect width="400" height="200" fill="#6a3d9a"/></svg>\n')
SLIDES = """\
---
title: Figures
duration: 10
{front}---

## A figure

![Two hands shaking](../images/pic.png)

## Described

![Working together](../images/pic.png){{fig-alt="Two hands shaking over a table"}}

## Linked

[![The project's web page](../images/pic.png)](https://example.org/project)

## Drawn

![Two circles drawn as lines](../images/drawing.svg)

::: notes
Show the figure.

![A room with six chairs](../images/pic.png)

[![The project's web page](../images/pic.png)](https://example.org/project)
:::

::: easy-read
![A person talking](../images/pic.png)

We talk about power.
:::
"""
PACK = project_support.PACK.replace("modules: [welcome]", "modules: [figures]")
NS = {"asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}


def project(tmp_path: Path, front: str = "", toml: str | None = None) -> Path:
    files = {"content/modules/welcome.md": None, "content/packs/p.yaml": PACK,
             "content/modules/figures.md": SLIDES.format(front=front),
             "content/images/drawing.svg": SVG}
    if toml is not None:
        files["packgen.toml"] = toml
    return make(tmp_path, files)


def built(root: Path, out: Path, kinds: tuple[str, ...]) -> Path:
    result = api.build(root, out_dir=out, kinds=kinds, force=True)
    assert not result.failed, [str(d) for d in result.diagnostics]
    return out / "p"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project(tmp_path_factory.mktemp("figures"))
    return built(root, tmp_path_factory.mktemp("out"), ("deck", "guide", "handout"))


def slide(prs, title: str):
    return next(s for s in prs.slides if s.shapes.title is not None
                and s.shapes.title.text_frame.text == title)


def texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame and s != slide.shapes.title]


def descriptions(slide) -> list[str]:
    return [d for s in slide.shapes if s.shape_type == 13
            for d in s._element.xpath("./*[1]/p:cNvPr/@descr")]


def test_a_figure_shows_its_alt_text_under_it_and_keeps_it_as_its_description(outputs):
    shown = slide(Presentation(str(outputs / "p-slides.pptx")), "A figure")
    assert "Two hands shaking" in texts(shown)
    assert descriptions(shown) == ["Two hands shaking"]
    picture = next(s for s in shown.shapes if s.shape_type == 13)
    caption = next(s for s in shown.shapes if s.name == "Caption")
    assert picture.top + picture.height <= caption.top < picture.top + picture.height + 914400 // 4


def test_fig_alt_is_the_description_and_the_picture_text_its_caption(outputs):
    shown = slide(Presentation(str(outputs / "p-slides.pptx")), "Described")
    assert "Working together" in texts(shown)
    assert descriptions(shown) == ["Two hands shaking over a table"]


def test_a_linked_picture_opens_its_address_in_the_deck_and_the_guide(outputs):
    shown = slide(Presentation(str(outputs / "p-slides.pptx")), "Linked")
    picture = next(s for s in shown.shapes if s.shape_type == 13)
    assert picture.click_action.hyperlink.address == "https://example.org/project"
    html = (outputs / "p-guide.html").read_text()
    assert '<a href="https://example.org/project"><img ' in html
    doc = Document(str(outputs / "p-guide.docx"))
    clicks = doc.element.body.xpath(".//wp:docPr/a:hlinkClick/@r:id")
    assert [doc.part.rels[rid].target_ref for rid in clicks] == ["https://example.org/project"]


def test_an_svg_picture_is_stored_as_powerpoint_stores_one(outputs):
    shown = slide(Presentation(str(outputs / "p-slides.pptx")), "Drawn")
    picture = next(s for s in shown.shapes if s.shape_type == 13)
    assert picture.image.content_type == "image/png"
    png = PILImage.open(io.BytesIO(picture.image.blob))
    assert png.size[0] >= 2 * picture.width / 12700 * 0.9  # drawn at about twice its size
    assert abs(png.size[0] / png.size[1] - 2) < 0.05
    rid = etree.ElementBase.xpath(picture._element, ".//a:blip/a:extLst/a:ext/asvg:svgBlip/@r:embed",
                                  namespaces=NS)[0]
    assert shown.part.related_part(rid).blob == SVG.encode()
    assert descriptions(shown) == ["Two circles drawn as lines"]


def test_the_guide_sets_each_figure_with_its_caption(outputs):
    html = (outputs / "p-guide.html").read_text()
    assert "<figcaption>A room with six chairs</figcaption>" in html
    with pdfplumber.open(outputs / "p-guide.pdf") as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "A room with six chairs" in text
    doc = Document(str(outputs / "p-guide.docx"))
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert "A room with six chairs" in captions


def test_easy_read_pictures_get_no_caption(outputs):
    html = (outputs / "p-easy-read.html").read_text()
    assert "figcaption>A person talking" not in html
    with pdfplumber.open(outputs / "p-easy-read.pdf") as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "A person talking" not in text
    doc = Document(str(outputs / "p-easy-read.docx"))
    assert "A person talking" not in "\n".join(p.text for p in doc.paragraphs)


def test_switched_off_pictures_keep_their_alt_text_as_description_only(tmp_path):
    root = project(tmp_path / "p", toml="[markdown]\nimplicit_figures = false\n")
    prs = Presentation(str(built(root, tmp_path / "out", ("deck",)) / "p-slides.pptx"))
    shown = slide(prs, "A figure")
    assert "Two hands shaking" not in texts(shown)
    assert descriptions(shown) == ["Two hands shaking"]


def test_front_matter_overrides_the_project_setting(tmp_path):
    root = project(tmp_path / "p", front="implicit_figures: true\n",
                   toml="[markdown]\nimplicit_figures = false\n")
    prs = Presentation(str(built(root, tmp_path / "out", ("deck",)) / "p-slides.pptx"))
    assert "Two hands shaking" in texts(slide(prs, "A figure"))


def test_the_switch_must_be_true_or_false(tmp_path):
    root = project(tmp_path / "p", front="implicit_figures: sometimes\n",
                   toml="[markdown]\nimplicit_figures = 'yes'\nimplicit_figure = true\n")
    lines = [str(d) for d in api.check(root).diagnostics]
    assert ("packgen.toml:2: error: 'implicit_figures' in [markdown] must be true or false; "
            "found 'yes' [PG026]") in lines
    assert any(line.startswith("packgen.toml:3: error: unknown key 'implicit_figure' in "
                               "[markdown]; did you mean 'implicit_figures'?") for line in lines)


def test_the_front_matter_switch_must_be_true_or_false(tmp_path):
    root = project(tmp_path / "p", front="implicit_figures: sometimes\n")
    lines = [str(d) for d in api.check(root).diagnostics]
    assert ("content/modules/figures.md:4: error: 'implicit_figures' must be true or false; "
            "found 'sometimes' [PG011]") in lines


def test_an_svg_the_engine_cannot_read_is_one_error_at_the_picture(tmp_path):
    root = project(tmp_path / "p")
    (root / "content/images/drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"')
    result = api.build(root, out_dir=tmp_path / "out", kinds=("deck",), force=True)
    assert result.failed == ["p"]
    lines = [str(d) for d in result.diagnostics]
    assert any(line.startswith("content/modules/figures.md:20: error: the SVG picture cannot be "
                               "drawn: ") and line.endswith("[PG150]") for line in lines), lines


def test_svg_pictures_build_the_same_bytes_twice(tmp_path):
    root = project(tmp_path / "p")
    first = built(root, tmp_path / "one", ("deck",)) / "p-slides.pptx"
    second = built(root, tmp_path / "two", ("deck",)) / "p-slides.pptx"
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert {n: a.read(n) for n in a.namelist()} == {n: b.read(n) for n in b.namelist()}


def test_a_layout_with_a_caption_placeholder_holds_the_caption_there(tmp_path):
    root = project(tmp_path / "p")
    (root / "templates").mkdir()
    Presentation().save(str(root / "templates" / "deck.pptx"))  # has Picture with Caption
    prs = Presentation(str(built(root, tmp_path / "out", ("deck",)) / "p-slides.pptx"))
    shown = slide(prs, "A figure")
    assert shown.slide_layout.name == "Picture with Caption"
    body = next(s for s in shown.placeholders if s.placeholder_format.type == 2)  # BODY
    assert body.text_frame.text == "Two hands shaking"
    assert not [s for s in shown.shapes if s.name == "Caption"]


def test_an_easy_read_svg_picture_goes_in_every_handout(tmp_path):
    root = project(tmp_path / "p")
    module = root / "content/modules/figures.md"
    module.write_text(module.read_text().replace("![A person talking](../images/pic.png)",
                                                 "![A person talking](../images/drawing.svg)"))
    out = built(root, tmp_path / "out", ("handout",))
    with zipfile.ZipFile(out / "p-easy-read.docx") as docx:
        assert SVG.encode() in [docx.read(n) for n in docx.namelist() if n.endswith(".svg")]
    assert 'alt="A person talking"' in (out / "p-easy-read.html").read_text()
    assert (out / "p-easy-read.pdf").stat().st_size > 0
