"""The spaces diagram: each name inside its own area, the overlap a mix of both spaces."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from deck_sample import L, sample, t
from pptx import Presentation

from packgen.builders import get_builder
from packgen.colours import parse_hex
from packgen.model import Slide, SpacesDiagram
from packgen.writers.pptx.diagram import draw_easy_spaces
from packgen.writers.pptx.media import Box
from packgen.writers.spaces_svg import easy_spaces_svg, spaces_svg


def _group(tmp_path: Path, *ids: str):
    tp = sample(slides=(Slide(t("The spaces"), "content", (SpacesDiagram(L, ids),), L),))
    path = get_builder("deck").build(tp, tmp_path)[0].path
    slide = Presentation(str(path)).slides[-2]
    group = next(s for s in slide.shapes if s.name == "Spaces diagram")
    return {s.name: s for s in group.shapes}


def _inside(shape, x: float, y: float) -> bool:
    rx, ry = shape.width / 2, shape.height / 2
    cx, cy = shape.left + rx, shape.top + ry
    return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1.0


def _corners(shape) -> list[tuple[int, int]]:
    x, y, w, h = shape.left, shape.top, shape.width, shape.height
    return [(x, y), (x + w, y), (x, y + h), (x + w, y + h)]


def test_each_label_lies_inside_its_own_area(tmp_path: Path) -> None:
    shapes = _group(tmp_path)
    mine, yours = shapes["My space oval"], shapes["Your space oval"]
    for x, y in _corners(shapes["My space label"]):
        assert _inside(mine, x, y) and not _inside(yours, x, y)
    for x, y in _corners(shapes["Your space label"]):
        assert _inside(yours, x, y) and not _inside(mine, x, y)
    for x, y in _corners(shapes["Shared space label"]):
        assert _inside(mine, x, y) and _inside(yours, x, y)


def test_labels_are_large_enough_to_read(tmp_path: Path) -> None:
    shapes = _group(tmp_path)
    for name in ("My space label", "Your space label", "Shared space label"):
        sizes = [r.font.size.pt for p in shapes[name].text_frame.paragraphs for r in p.runs]
        assert sizes and min(sizes) >= 18 and max(sizes) >= 24


def test_the_overlap_runs_from_one_space_to_the_other(tmp_path: Path) -> None:
    shapes = _group(tmp_path)
    mine, yours = (parse_hex(str(shapes[f"{n} oval"].fill.fore_color.rgb))
                   for n in ("My space", "Your space"))
    lens = shapes["Overlap of My space and Your space"].fill
    left, right = (parse_hex(str(stop.color.rgb)) for stop in lens.gradient_stops)
    assert {left, right}.isdisjoint({mine, yours})
    assert _distance(left, mine) < _distance(left, yours)
    assert _distance(right, yours) < _distance(right, mine)
    middle = tuple((a + b) / 2 for a, b in zip(left, right))
    assert _distance(middle, mine) > 0 and _distance(middle, yours) > 0


def _distance(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    return sum((x - y) ** 2 for x, y in zip(a, b))


def test_a_highlighted_overlap_gets_a_heavy_outline(tmp_path: Path) -> None:
    shapes = _group(tmp_path, "shared_space")
    outline = shapes["Overlap of My space and Your space outline"]
    assert outline.line.width.pt >= 3
    assert shapes["My space outline"].line.width.pt < 3


@pytest.mark.parametrize("draw", [spaces_svg, easy_spaces_svg])
def test_the_svg_names_every_space(draw) -> None:
    tp = sample()
    svg = draw(tp.project.spaces, tp.project.theme)
    shown = " ".join(re.findall(r">([^<]+)</text>", svg))
    for space in tp.project.spaces:
        assert all(word in shown for word in space.name.split())
    assert "<ellipse" in svg and "<polygon" in svg and 'role="img"' in svg
    assert "<linearGradient" in svg


def test_the_easy_read_diagram_has_the_names_only() -> None:
    tp = sample()
    svg = easy_spaces_svg(tp.project.spaces, tp.project.theme)
    shown = " ".join(re.findall(r">([^<]+)</text>", svg))
    assert all(s.holder.split()[0] not in shown for s in tp.project.spaces if s.holder)
    assert 'font-size="40"' in svg or 'font-size="38"' in svg or 'font-size="36"' in svg


def test_the_easy_read_version_draws_the_names_only_in_large_type() -> None:
    tp = sample()
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    group = draw_easy_spaces(slide, tp.project.spaces, tp.project.theme,
                             Box(457200, 1371600, 11277600, 4572000), "en-GB")
    labels = [s for s in group.shapes if s.name.endswith(" label")]
    texts = {s.text_frame.text.replace("\n", " ") for s in labels}
    assert texts == {s.name for s in tp.project.spaces}
    sizes = [r.font.size.pt for s in labels for p in s.text_frame.paragraphs for r in p.runs]
    assert min(sizes) >= 28
