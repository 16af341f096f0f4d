"""Builders: one small class per output kind, found by name in a registry.

Each builder reads one ``TailoredPack`` and writes its files into a staging folder. Builder
modules are imported only when their kind is built, so heavy libraries load lazily.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

if TYPE_CHECKING:
    from packgen.errors import Collector
    from packgen.model import TailoredPack


@dataclass(frozen=True, slots=True)
class Output:
    """One file a builder wrote."""

    kind: str
    """``deck``, ``guide`` or ``handout``."""
    format: str
    """``pptx``, ``pdf``, ``html`` or ``docx``."""
    path: Path


class Builder(Protocol):
    """What every builder provides."""

    name: ClassVar[str]
    formats: ClassVar[tuple[str, ...]]

    def build(self, tp: TailoredPack, out_dir: Path, report: Collector) -> list[Output]:
        """Write this kind's files for ``tp`` into ``out_dir``; add findings to ``report``."""
        ...


BUILDERS: dict[str, str] = {
    "deck": "packgen.builders.deck:DeckBuilder",
    "guide": "packgen.builders.guide:GuideBuilder",
    "handout": "packgen.builders.handout:HandoutBuilder",
}
"""Kind name to ``module:Class``; the order is the build order."""


def get_builder(kind: str) -> Builder:
    """Return a new builder for ``kind`` (importing its module only now)."""
    module_name, class_name = BUILDERS[kind].split(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls()
