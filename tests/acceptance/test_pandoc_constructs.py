"""Constructs real Pandoc decks use build as Pandoc builds them (docs/content-format.md,
"Pictures" and "Fenced divs and attributes"): web-address pictures, sizes in pixels and
heights, WebP pictures, headings inside divs, loose column divs and braces after a heading.

Each test builds a one-module project through the api, reopens what it wrote and reads the
findings' lines."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image as PILImage
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu
from project_support import make

from packgen import api

FRONT = "---\ntitle: Welcome\nduration: 10\n---\n\n"


def _build(tmp_path: Path, body: str, kinds: tuple[str, ...] = ("deck",)) -> tuple[list[str], Path]:
    root = make(tmp_path / "project", {"content/modules/welcome.md": FRONT + body})
    wide = PILImage.new("RGB", (400, 200), (20, 90, 120))
    wide.save(root / "content" / "images" / "wide.png")
    wide.save(root / "content" / "images" / "wide.webp", "WEBP", lossless=True)
    result = api.build(root, out_dir=tmp_path / "out", kinds=kinds, force=True)
    return [str(d) for d in result.diagnostics], tmp_path / "out" / "p"


def _slides(out: Path) -> list:
    return list(Presentation(str(out / "p-slides.pptx")).slides)


def _slide(out: Path, title: str):
    return next(s for s in _slides(out) if s.shapes.title is not None
                and s.shapes.title.text == title)


def _texts(slide) -> list[str]:
    """Return the slide's paragraphs of text, but for its title, footer and slide number."""
    return [p.text for shape in slide.shapes if shape.has_text_frame and _body(shape)
            for p in shape.text_frame.paragraphs if p.text]


def _body(shape) -> bool:
    if not shape.is_placeholder:
        return True
    return shape.placeholder_format.type not in (
        PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.FOOTER,
        PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)


def _pictures(slide) -> list:
    return [shape for shape in slide.shapes if shape.shape_type == 13]


def test_a_web_address_picture_is_its_alt_text_with_one_warning_and_the_rest_builds(
        tmp_path: Path) -> None:
    found, out = _build(tmp_path, "## Chart\n\nBefore.\n\n"
                        "![The sales chart](https://example.org/chart.png){width=1500}\n\n"
                        "![A local one](../images/pic.png)\n")
    assert [f for f in found if "PG165" in f] == [(
        "content/modules/welcome.md:10: warning: picture 'https://example.org/chart.png' is at "
        "a web address and is not fetched: its alt text is shown instead (download it into the "
        "project to show it) [PG165]")]
    slide = _slide(out, "Chart")
    assert "The sales chart" in _texts(slide)
    assert len(_pictures(slide)) == 1


def _width_px(picture) -> int:
    return round(Emu(picture.width).inches * 96)


def test_bare_numbers_are_pixels_and_a_height_alone_sizes_by_height(tmp_path: Path) -> None:
    found, out = _build(tmp_path, "## Pixels\n\n![Wide](../images/wide.png){width=300}\n\n"
                        "## Height\n\n![Wide](../images/wide.png){height=100}\n\n"
                        "## Both\n\n![Wide](../images/wide.png){width=\"300\" height=300}\n")
    assert _width_px(_pictures(_slide(out, "Pixels"))[0]) == 300
    by_height = _pictures(_slide(out, "Height"))[0]
    assert (_width_px(by_height), round(Emu(by_height.height).inches * 96)) == (200, 100)
    both = _pictures(_slide(out, "Both"))[0]
    assert (_width_px(both), round(Emu(both.height).inches * 96)) == (300, 150)
    assert "content/modules/welcome.md:16: info: height=300 is not read beside a width: the " \
           "picture keeps its proportions [PG166]" in found
    assert not [f for f in found if "error" in f]


def test_em_widths_are_pandocs_ems(tmp_path: Path) -> None:
    found, out = _build(tmp_path, "## Icons\n\n![Wide](../images/wide.png){width=2em}\n")
    assert round(Emu(_pictures(_slide(out, "Icons"))[0].width).pt, 2) == 24.75
    assert not [f for f in found if "error" in f]


def test_a_code_block_keeps_its_lines_and_indents_on_the_slide(tmp_path: Path) -> None:
    found, out = _build(tmp_path, "## YAML\n\n```yaml\nformat:\n  revealjs:\n"
                        "    slide-number: c/t\n```\n")
    assert _texts(_slide(out, "YAML")) == ["format:\v  revealjs:\v    slide-number: c/t"]
    assert not [f for f in found if "error" in f]


def test_a_webp_picture_is_shown_in_every_output(tmp_path: Path) -> None:
    found, out = _build(tmp_path, "## Webp\n\n![A WebP picture](../images/wide.webp)\n\n"
                        "::: easy-read\n![A WebP picture](../images/wide.webp)\n"
                        "This picture is a WebP file.\n:::\n",
                        kinds=("deck", "guide", "handout"))
    assert not [f for f in found if ": error:" in f], found
    picture = _pictures(_slide(out, "Webp"))[0]
    assert picture.image.content_type == "image/png"
    assert PILImage.open(io.BytesIO(picture.image.blob)).size == (400, 200)
    with zipfile.ZipFile(out / "p-easy-read.docx") as docx:
        media = [n for n in docx.namelist() if n.startswith("word/media/")]
        assert any(PILImage.open(io.BytesIO(docx.read(n))).size == (400, 200) and
                   n.endswith(".png") for n in media)
    assert "data:image/webp;base64," in (out / "p-easy-read.html").read_text(encoding="utf-8")
    assert (out / "p-easy-read.pdf").stat().st_size > 0


def test_webp_pictures_give_the_same_deck_bytes_each_build(tmp_path: Path) -> None:
    body = "## Webp\n\n![A WebP picture](../images/wide.webp)\n"
    _, first = _build(tmp_path / "a", body)
    _, second = _build(tmp_path / "b", body)
    media = [sorted((n, z.read(n)) for n in z.namelist() if n.startswith("ppt/media/"))
             for z in (zipfile.ZipFile(first / "p-slides.pptx"),
                       zipfile.ZipFile(second / "p-slides.pptx"))]
    assert media[0] == media[1]


@pytest.mark.parametrize("opener", ["::: {.callout-note}", "::: {#plain-div}"])
def test_a_heading_inside_a_div_stays_on_its_slide_as_bold_text(tmp_path: Path,
                                                                 opener: str) -> None:
    _, out = _build(tmp_path, f"## Slide\n\n{opener}\n## Note\n\nCallout text.\n:::\n\n"
                              "After.\n")
    slides = _slides(out)
    assert [s.shapes.title.text for s in slides if s.shapes.title is not None].count("Note") == 0
    slide = _slide(out, "Slide")
    assert _texts(slide) == ["Note", "Callout text.", "After."]
    run = next(p.runs[0] for shape in slide.shapes if shape.has_text_frame
               for p in shape.text_frame.paragraphs if p.text == "Note")
    assert run.font.bold


def test_loose_column_divs_build_as_pandoc_shows_them_with_a_warning(tmp_path: Path) -> None:
    found, out = _build(tmp_path, "## Loose\n\n::: column\nAlone.\n:::\n\n"
                        "## Between\n\n:::: columns\nFirst.\n\n::: column\nLeft.\n:::\n\n"
                        "::: column\nRight.\n:::\n::::\n")
    assert _texts(_slide(out, "Loose")) == ["Alone."]
    assert _texts(_slide(out, "Between")) == ["First.", "Left.", "Right."]
    assert [f.split(": warning:")[0] for f in found if "PG167" in f] == [
        "content/modules/welcome.md:14", "content/modules/welcome.md:8"]


def test_braces_after_a_heading_that_are_no_attributes_are_title_text(tmp_path: Path) -> None:
    found, out = _build(tmp_path, "## Tidy {tidymodels}\n\nText.\n\n## Kept {#id .cls}\n\n"
                        "More.\n")
    titles = [s.shapes.title.text for s in _slides(out) if s.shapes.title is not None]
    assert "Tidy {tidymodels}" in titles and "Kept" in titles
    assert not [f for f in found if ": error:" in f]


GRID = """## Syntax

+---------------------+-----------------------+
| Markdown            | Output                |
+=====================+=======================+
|     # Header 1      | # Header 1            |
+---------------------+-----------------------+
|     * item          | - item                |
|         + sub-item  |     - sub-item        |
+---------------------+-----------------------+
"""


def test_a_grid_cell_shows_its_code_headings_and_nested_items_line_by_line(
        tmp_path: Path) -> None:
    found, out = _build(tmp_path, GRID)
    table = next(s for s in _slide(out, "Syntax").shapes if s.has_table).table
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[1:] == [["# Header 1", "Header 1"],
                         ["* item\v    + sub-item", "\u2022 item\v\u2003\u25e6 sub-item"]]
    assert table.cell(1, 1).text_frame.paragraphs[0].runs[0].font.bold
    assert not [f for f in found if ": error:" in f or ": warning:" in f]


def test_pictures_in_a_layout_div_are_shown_and_said_once(tmp_path: Path) -> None:
    found, out = _build(tmp_path, "## Logos\n\n::: {layout-ncol=2}\n\n"
                        "![Open data](../images/wide.png){fig-alt=\"A blue logo\"}\n\n"
                        "[![Code](../images/wide.png)](https://example.org)\n\n:::\n")
    slide = _slide(out, "Logos")
    assert len(_pictures(slide)) == 2
    assert "Open data" in _texts(slide)
    said = ("content/modules/welcome.md:10: info: pictures inside a div are shown as pictures, "
            "where Pandoc's PowerPoint writer shows only their alt text: content/images/wide.png "
            "(2 in this module, the first here) [PG178]")
    assert [f for f in found if "PG178" in f] == [said]
