"""One sub-package per file format, each the only importer of its library.

``FORMATS`` says which formats each output kind comes in, in build order, and which function
writes each one: ``write(tp, target)``. A new format is a new sub-package and one line here;
the kind's builder picks it up. Writer modules are imported only when their format is built,
so a heavy library loads only when it is needed. Every writer is handed the pack with its
shown text smartened (``views.smart``): the rules read the text as written, the outputs show
curly quotes and dashes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from packgen.views.smart import smart_pack

if TYPE_CHECKING:
    from packgen.model import TailoredPack

Writer = Callable[["TailoredPack", Path], None]

FORMATS: Mapping[str, Mapping[str, str]] = MappingProxyType({
    "deck": {"pptx": "packgen.writers.pptx.deck:write"},
    "guide": {
        "pdf": "packgen.writers.pdf.pages:write_guide",
        "html": "packgen.writers.html.guide:write",
        "docx": "packgen.writers.docx.guide:write",
    },
    "handout": {
        "pdf": "packgen.writers.pdf.pages:write_handout",
        "html": "packgen.writers.html.handout:write",
        "docx": "packgen.writers.docx.handout:write",
    },
})
"""Output kind to its formats, each to the ``module:function`` that writes it."""


def writer(kind: str, fmt: str) -> Writer:
    """Return the function writing ``kind`` in ``fmt`` (importing its module only now); it
    writes the pack's text with smart typography."""
    module_name, function = FORMATS[kind][fmt].split(":")
    write: Writer = getattr(importlib.import_module(module_name), function)

    def smart_write(tp: TailoredPack, target: Path) -> None:
        write(smart_pack(tp), target)

    return smart_write
