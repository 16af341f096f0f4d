"""What a built deck holds, slide by slide, read back from the file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SlideOutline:
    """One slide of a built deck."""

    number: int
    """Its place in the deck, from 1."""
    title: str
    """The text of its title placeholder ("" when it has none)."""
    layout: str
    """The name of the template layout it was made from."""
    notes: str
    """Its speaker notes as plain text, paragraphs on their own lines ("" when none)."""
