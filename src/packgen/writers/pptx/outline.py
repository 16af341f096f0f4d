"""Read a built deck back: each slide's number, title, layout and speaker notes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pptx import Presentation

from packgen.model import SlideOutline


def outline(path: Path) -> tuple[SlideOutline, ...]:
    """Return the outline of the deck at ``path``, one entry per slide in deck order."""
    deck = Presentation(str(path))
    return tuple(_slide(number, slide) for number, slide in enumerate(deck.slides, start=1))


def _slide(number: int, slide: Any) -> SlideOutline:
    return SlideOutline(number, _title(slide), slide.slide_layout.name, _notes(slide))


def _title(slide: Any) -> str:
    title = slide.shapes.title
    return title.text_frame.text.strip() if title is not None and title.has_text_frame else ""


def _notes(slide: Any) -> str:
    if not slide.has_notes_slide:
        return ""
    frame = slide.notes_slide.notes_text_frame
    return frame.text.strip() if frame is not None else ""
