"""Built-deck geometry rules (PG502, PG503): text over text, text off the slide."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.util import Cm

from packgen.rules.deck_geometry import check_deck_geometry


def _deck(tmp_path: Path, boxes: list[tuple[float, float, float, float]],
          title_above: bool = False) -> Path:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    for n, (x, y, w, h) in enumerate(boxes):
        slide.shapes.add_textbox(Cm(x), Cm(y), Cm(w), Cm(h)).text_frame.text = f"Text {n}"
    if title_above:
        slide.shapes.add_textbox(Cm(1), Cm(-5), Cm(10), Cm(3)).text_frame.text = "Hidden"
    path = tmp_path / "d.pptx"
    prs.save(str(path))
    return path


def test_overlapping_text_boxes_are_one_warning_per_slide(tmp_path):
    path = _deck(tmp_path, [(1, 1, 10, 5), (2, 2, 10, 5), (3, 3, 10, 5)])
    [found] = check_deck_geometry(path, "build/p/p-slides.pptx")
    assert found.code == "PG502" and found.severity == "warning"
    assert found.message.startswith("slide 1 of p-slides.pptx: 'TextBox 1' and 'TextBox 2' overlap")
    assert "(and 2 more)" in found.message


def test_a_box_past_the_slide_edge_is_off_the_slide(tmp_path):
    [found] = check_deck_geometry(_deck(tmp_path, [(20, 1, 10, 5)]), "p-slides.pptx")
    assert found.code == "PG503" and "'TextBox 1' reaches off the slide" in found.message


def test_boxes_side_by_side_and_a_title_kept_above_the_slide_are_fine(tmp_path):
    path = _deck(tmp_path, [(1, 1, 10, 5), (11.1, 1, 10, 5)], title_above=True)
    assert check_deck_geometry(path, "p-slides.pptx") == []
