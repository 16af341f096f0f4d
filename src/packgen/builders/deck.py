"""The deck builder: ``<pack>-slides.pptx`` from the designer's template."""

from __future__ import annotations

from typing import ClassVar

from packgen.builders import KindBuilder


class DeckBuilder(KindBuilder):
    """Write ``<pack>-slides.pptx``: exactly the slides of the pack's slide plan (the template
    is checked before any slide is added)."""

    name: ClassVar[str] = "deck"
