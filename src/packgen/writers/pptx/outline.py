"""Read a built deck back: each slide's number, title, layout and speaker notes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.exc import PythonPptxError

from packgen.errors import PackgenError
from packgen.model import SlideOutline
from packgen.safety import check_pptx_file

UNREADABLE = (PythonPptxError, OSError, ValueError, KeyError, AttributeError)
"""What python-pptx raises on a file that is not a whole deck (a hand-edited output)."""


def outline(path: Path) -> tuple[SlideOutline, ...]:
    """Return the outline of the deck at ``path``, one entry per slide in deck order.

    A file that is not a safe, readable deck is a PackgenError ("cannot read the deck: …").
    """
    try:
        check_pptx_file(path, path.name)
        deck = Presentation(str(path))
        return tuple(_slide(number, slide) for number, slide in enumerate(deck.slides, 1))
    except PackgenError as exc:
        first = exc.diagnostics[0]
        raise PackgenError(f"cannot read the deck: {first.message}", path.name,
                           code=first.code) from None
    except UNREADABLE as exc:
        raise PackgenError(f"cannot read the deck: {exc}", path.name, code=UNREADABLE) from None


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
