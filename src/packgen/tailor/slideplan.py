"""The deck's slide sequence, numbered: computed once per pack and kept on the TailoredPack.

The deck writer renders exactly ``tp.slides`` in this order, and the guide and the rules quote
their numbers, so they always agree.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    titles: list[str] = []
    for row in module.easy_read:
        titles.append(easy_title(row, module.title, titles))
    return [("easy-read", title, module, None, row)
            for title, row in zip(titles, module.easy_read)]


EASY_TITLE_WORDS = 8
"""The longest first sentence an untitled easy-read row's slide takes as its title."""


def easy_title(row: EasyReadRow, module_title: str, taken: Sequence[str] = ()) -> str:
    """Return an easy-read slide's title: the row's own title (``#### Title``), else its first
    bold words (``**My space**``), else its first sentence when it is short, else the module's
    title. A title already ``taken`` by an earlier row of the module, or the module's own
    (its section slide), falls through to the next choice. Never ``(2 of 5)``."""
    bold = next((span.text for line in row.sentences for span in line if span.bold), "")
    first = plain(row.sentences[0]).strip().rstrip(".!:") if row.sentences else ""
    choices = [plain(row.title).strip(), _capital(bold.strip()),
               _capital(first) if len(first.split()) <= EASY_TITLE_WORDS else ""]
    used = {t.casefold() for t in (*taken, module_title)}
    return next((c for c in choices if c and c.casefold() not in used), module_title)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
