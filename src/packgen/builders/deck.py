"""The deck builder: ``<pack>-slides.pptx`` from the designer's template."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from packgen.builders import Output
from packgen.paths import output_name

if TYPE_CHECKING:
    from packgen.errors import Collector
    from packgen.model import TailoredPack


class DeckBuilder:
    """Write ``<pack>-slides.pptx``: exactly the slides of the pack's slide plan."""

    name: ClassVar[str] = "deck"
    formats: ClassVar[tuple[str, ...]] = ("pptx",)

    def build(self, tp: TailoredPack, out_dir: Path, report: Collector) -> list[Output]:
        """Check the template, render every planned slide, and save the deck."""
        from packgen.writers.pptx.deck import build_deck  # python-pptx loads only here

        path = Path(out_dir) / output_name(tp.pack.id, self.name, "pptx")
        build_deck(tp).save(str(path))
        return [Output(self.name, "pptx", path)]
