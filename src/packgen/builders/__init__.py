"""Builders: one small class per output kind, found by name in a registry.

Each builder reads one ``TailoredPack`` and writes its files into a staging folder, one file
per format that ``writers.FORMATS`` lists for its kind. Builder and writer modules are imported
only when their kind is built, so heavy libraries load lazily.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from packgen.paths import output_name
from packgen.writers import FORMATS, writer

if TYPE_CHECKING:
    from packgen.model import TailoredPack


@dataclass(frozen=True, slots=True)
class Output:
    """One file a builder wrote."""

    kind: str
    """``deck``, ``guide`` or ``handout``."""
    format: str
    """``pptx``, ``pdf``, ``html`` or ``docx``."""
    path: Path
    language: str = ""
    """The language tag of what it holds (``cy-GB``)."""


class KindBuilder:
    """Write one output kind in every format ``writers.FORMATS`` lists for it."""

    name: ClassVar[str]

    @property
    def formats(self) -> tuple[str, ...]:
        """Return the formats this kind is written in, in build order."""
        return tuple(FORMATS[self.name])

    def build(self, tp: TailoredPack, out_dir: Path) -> list[Output]:
        """Check the pack, then write each format into ``out_dir``; return what was written."""
        self.check(tp)
        outputs = []
        for fmt in self.formats:
            path = Path(out_dir) / output_name(tp.pack.id, self.name, fmt, tp.file_language)
            writer(self.name, fmt)(tp, path)
            outputs.append(Output(self.name, fmt, path, tp.language))
        return outputs

    def check(self, tp: TailoredPack) -> None:
        """Raise PackgenError when this kind cannot be written for ``tp`` (before any file)."""


BUILDERS: dict[str, str] = {
    "deck": "packgen.builders.deck:DeckBuilder",
    "guide": "packgen.builders.guide:GuideBuilder",
    "handout": "packgen.builders.handout:HandoutBuilder",
}
"""Kind name to ``module:Class``; the order is the build order."""


def get_builder(kind: str) -> KindBuilder:
    """Return a new builder for ``kind`` (importing its module only now)."""
    module_name, class_name = BUILDERS[kind].split(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls()
