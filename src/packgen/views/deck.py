"""What the deck's speaker notes say for each planned slide (no I/O, no format library)."""

from __future__ import annotations

from packgen.model import Block, ListBlock, ListItem, Paragraph, PlannedSlide, Span


def notes_for(item: PlannedSlide) -> tuple[Block, ...]:
    """Return the speaker notes of a planned slide (activity steps and debrief included)."""
    if item.row is not None:
        return item.row.notes
    if item.slide is not None:
        return item.slide.notes + _activity_notes(item)
    if item.kind == "section" and item.module is not None:
        return _module_notes(item)
    return ()


def _activity_notes(item: PlannedSlide) -> tuple[Block, ...]:
    activity = item.slide.activity if item.slide else None
    if activity is None:
        return ()
    loc = activity.loc
    blocks: list[Block] = []
    for heading, texts, ordered in (("Steps", activity.steps, True),
                                    ("Debrief", activity.debrief, False)):
        if texts:
            blocks.append(Paragraph((Span(heading, bold=True),), loc))
            blocks.append(ListBlock(tuple(ListItem(t) for t in texts), ordered, loc))
    return tuple(blocks)


def _module_notes(item: PlannedSlide) -> tuple[Block, ...]:
    module = item.module
    blocks: list[Block] = []
    for heading, texts in (("Objectives", module.objectives),
                           ("Key messages", module.key_messages)):
        if texts:
            blocks.append(Paragraph((Span(heading, bold=True),), module.loc))
            blocks.append(ListBlock(tuple(ListItem((Span(t),)) for t in texts), False,
                                    module.loc))
    return tuple(blocks)
