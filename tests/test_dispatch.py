"""Every block dispatch table has an entry for every model block type; an unknown one is a bug."""

from __future__ import annotations

import importlib
import pkgutil
import typing
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

import packgen
from packgen.errors import BlockTable, InternalError
from packgen.model import Block
from packgen.rules.content import walk
from packgen.rules.measure import measure
from packgen.writers.docx.blocks import DocxBlocks
from packgen.writers.html.blocks import HtmlRenderer
from packgen.writers.pptx import blocks as pptx_blocks

BLOCK_TYPES: tuple[type, ...] = typing.get_args(Block)
KNOWN = {
    "writers.html.blocks.BLOCK_RENDERERS", "writers.docx.blocks.DOCX_RENDERERS",
    "writers.pptx.blocks._HANDLERS", "writers.pptx.blocks.PLACES", "rules.measure._MEASURES",
    "rules.content._CHILDREN", "tailor.pack._BLOCKS", "writers.pdf.blocks.BLOCK_DATA",
}
"""The tables there are today; any other found later is checked just the same."""
PARSER = ("packgen.markdown.", "packgen.__main__")
"""Not searched: the Markdown parser's tables dispatch on parsed items (an unknown div class
is its PG117 warning), and ``__main__`` runs the CLI when imported."""


class Unknown:
    """A block type no table knows."""


def block_tables() -> dict[str, Mapping[object, object]]:
    """Return every module-level mapping in packgen keyed by model block types, by name."""
    found: dict[int, tuple[str, Mapping[object, object]]] = {}
    for info in pkgutil.walk_packages(packgen.__path__, "packgen."):
        if info.name.startswith(PARSER):
            continue
        module = importlib.import_module(info.name)
        for attr, value in vars(module).items():
            if isinstance(value, Mapping) and any(key in BLOCK_TYPES for key in value):
                name = getattr(value, "name", f"{info.name.removeprefix('packgen.')}.{attr}")
                found.setdefault(id(value), (name, value))
    return dict(found.values())


def test_the_known_tables_are_found() -> None:
    assert KNOWN <= set(block_tables())


def test_every_table_has_every_block_type_and_nothing_else() -> None:
    gaps = [f"{name} has no entry for {kind.__name__}"
            for name, table in sorted(block_tables().items())
            for kind in BLOCK_TYPES if kind not in table]
    gaps += [f"{name} has an entry for {key!r}, which is no block type"
             for name, table in sorted(block_tables().items())
             for key in table if key not in BLOCK_TYPES]
    assert not gaps, "\n".join(gaps)


def test_every_table_raises_an_internal_error_for_an_unknown_block() -> None:
    plain = sorted(name for name, table in block_tables().items()
                   if not isinstance(table, BlockTable))
    assert not plain, f"plain dicts (an unknown block slips through .get): {', '.join(plain)}"
    with pytest.raises(InternalError, match="writers.pptx.blocks.PLACES .* Unknown"):
        pptx_blocks.PLACES[Unknown]


@pytest.mark.parametrize("convert", [
    lambda: HtmlRenderer(Path(".")).block(Unknown()),
    lambda: DocxBlocks.render(object.__new__(DocxBlocks), [Unknown()]),
    lambda: pptx_blocks.lines([Unknown()]),
    lambda: pptx_blocks.is_text(Unknown()),
    lambda: measure([Unknown()]),
    lambda: list(walk([Unknown()])),
], ids=["html", "docx", "pptx lines", "pptx places", "measure", "walk"])
def test_converters_raise_an_internal_error_for_an_unknown_block(
        convert: Callable[[], object]) -> None:
    with pytest.raises(InternalError, match="no entry for block type Unknown"):
        convert()
