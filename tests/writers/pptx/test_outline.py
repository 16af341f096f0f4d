"""Reading a built deck back: slide numbers, titles, layouts and speaker notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from deck_sample import many_slides, sample
from pptx import Presentation

from packgen import api
from packgen.builders import get_builder
from packgen.errors import PackgenError


def built(tp, folder: Path) -> Path:
    return get_builder("deck").build(tp, folder)[0].path


def test_the_outline_has_each_slide_in_order_with_its_title_layout_and_notes(
        tmp_path: Path) -> None:
    path = built(many_slides(3), tmp_path)
    deck = Presentation(str(path))
    outline = api.deck_outline(path)
    assert [s.number for s in outline] == list(range(1, len(deck.slides) + 1))
    assert [s.title for s in outline] == [s.shapes.title.text_frame.text for s in deck.slides]
    assert [s.layout for s in outline] == [s.slide_layout.name for s in deck.slides]
    content = [s for s in outline if s.title.startswith("Slide ")]
    assert [s.title for s in content] == ["Slide 0", "Slide 1", "Slide 2"]
    assert all(s.layout == "Title and Content" for s in content)
    assert all(s.notes for s in content)


def test_a_slide_without_notes_has_empty_notes(tmp_path: Path) -> None:
    outline = api.deck_outline(built(sample(), tmp_path))
    plan = next(s for s in outline if s.title == "Plan")
    assert plan.layout == "Title Only" and plan.notes == ""


def test_a_file_that_is_not_a_deck_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pptx"
    path.write_bytes(b"not a zip")
    with pytest.raises(PackgenError, match="cannot read the deck"):
        api.deck_outline(path)
