"""The deck's slide sequence, numbered: computed once per pack and kept on the TailoredPack.

The deck writer renders exactly ``tp.slides`` in this order, and the guide and the rules quote
their numbers, so they always agree.
"""

from __future__ import annotations

from dataclasses import replace

from packgen.model import (
    Columns,
    EasyReadRow,
    Image,
    Module,
    PlannedSlide,
    Quote,
    Slide,
    SpacesDiagram,
    Table,
    TailoredPack,
    plain,
)


def plan(tp: TailoredPack) -> tuple[PlannedSlide, ...]:
    """Return every slide of the pack's deck, numbered from 1, in the pack's deck style."""
    easy = tp.pack.deck_style == "easy-read"
    drafts: list[tuple[str, str, Module | None, Slide | None, EasyReadRow | None]] = [
        ("title", tp.pack.title, None, None, None),
        ("agenda", "Agenda" if not easy else "What we will do", None, None, None),
    ]
    for module in tp.modules:
        drafts.append(("section", module.title, module, None, None))
        drafts.extend(_easy_rows(module) if easy else _content(module))
    drafts.append(("closing", "Thank you", None, None, None))
    return tuple(
        PlannedSlide(n, kind, title, module, slide, row)
        for n, (kind, title, module, slide, row) in enumerate(drafts, start=1)
    )


def with_plan(tp: TailoredPack) -> TailoredPack:
    """Return ``tp`` with its slide plan computed once and kept on it (``tp.slides``)."""
    return replace(tp, slides=plan(tp))


def slide_kind(slide: Slide) -> str:
    """Return the deck kind of a content slide from what it holds."""
    if slide.kind in ("section", "activity"):
        return slide.kind
    blocks = slide.blocks
    if any(isinstance(b, SpacesDiagram) for b in blocks):
        return "diagram"
    if any(isinstance(b, Columns) for b in blocks):
        return "columns"
    if len(blocks) == 1:
        only = blocks[0]
        for cls, kind in ((Table, "table"), (Quote, "quote"), (Image, "picture")):
            if isinstance(only, cls):
                return kind
    if any(isinstance(b, Table) for b in blocks):
        return "table"
    return "content"


def untitled_name(module: Module, number: int) -> str:
    """Return the off-slide title a screen reader hears for a ``---`` slide."""
    return f"{module.title}, slide {number}"


def _content(module: Module) -> list[tuple[str, str, Module, Slide, None]]:
    return [(slide_kind(s), plain(s.title), module, s, None) for s in module.slides]


def _easy_rows(module: Module) -> list[tuple[str, str, Module, None, EasyReadRow]]:
    count = len(module.easy_read)
    return [("easy-read", easy_title(module.title, n, count), module, None, row)
            for n, row in enumerate(module.easy_read, start=1)]


def easy_title(title: str, number: int, count: int) -> str:
    """Return an easy-read slide's title, unique in the deck: ``Welcome (2 of 5)``."""
    return title if count == 1 else f"{title} ({number} of {count})"
