"""A spaces diagram can bring one space forward: `::: {.spaces highlight="your-space"}`."""

from __future__ import annotations

from pathlib import Path

import pytest
from deck_sample import L, sample, t
from pptx import Presentation

from packgen.builders import get_builder
from packgen.colours import parse_hex
from packgen.errors import PackgenError
from packgen.markdown.blocks import parse_body
from packgen.model import Loc, Slide, SpacesDiagram


def test_highlight_attribute_is_read_into_the_diagram_block() -> None:
    body = parse_body('## The spaces\n\n::: {.spaces highlight="my-space shared-space"}\n:::\n',
                      path="m.md", line_offset=0, root=Path("."), base_dir=Path("."))
    (diagram,) = body.slides[0].blocks
    assert diagram == SpacesDiagram(Loc("m.md", 3), ("my-space", "shared-space"))


def _ovals(tp, folder: Path) -> dict[str, tuple[float, float]]:
    folder.mkdir()
    path = get_builder("deck").build(tp, folder)[0].path
    slide = Presentation(str(path)).slides[-2]
    group = next(s for s in slide.shapes if s.name == "Spaces diagram")
    found = {}
    for shape in group.shapes:
        if shape.name.endswith(" oval"):
            outline = next(s for s in group.shapes if s.name == shape.name[:-4] + "outline")
            lightness = sum(parse_hex(str(shape.fill.fore_color.rgb)))
            found[shape.name] = (lightness, outline.line.width.pt)
    return found


def _with_highlight(*ids: str):
    return sample(slides=(Slide(t("The spaces"), "content", (SpacesDiagram(L, ids),), L),))


def test_spaces_not_highlighted_are_drawn_faintly(tmp_path: Path) -> None:
    plain = _ovals(_with_highlight(), tmp_path / "a")
    assert plain["My space oval"][1] == plain["Your space oval"][1]
    ovals = _ovals(_with_highlight("your_space"), tmp_path / "b")
    assert ovals["Your space oval"] == plain["Your space oval"]
    assert ovals["My space oval"][0] > plain["My space oval"][0]
    assert ovals["My space oval"][1] < ovals["Your space oval"][1]


def test_highlighting_a_space_the_model_lacks_is_an_error_at_its_line(tmp_path: Path) -> None:
    with pytest.raises(PackgenError) as caught:
        get_builder("deck").build(_with_highlight("our_space"), tmp_path)
    (diag,) = caught.value.diagnostics
    assert (diag.path, diag.line) == (L.path, L.line)
    assert "no space 'our_space' to highlight" in diag.message
