"""What the deck shows beyond the content: speaker notes, the timetable's words, activity tasks.

No I/O and no format library: the pptx writer lays these out.
"""

from __future__ import annotations

from collections.abc import Callable

from packgen.model import (
    Activity,
    Block,
    Conditional,
    Footnote,
    ListBlock,
    ListItem,
    Loc,
    Paragraph,
    PlannedSlide,
    Quote,
    Span,
    Table,
    TailoredPack,
    Text,
    TimetableEntry,
)
from packgen.wording import clock, clock_easy_read, join_names


def notes_for(tp: TailoredPack, item: PlannedSlide) -> tuple[Block, ...]:
    """Return the speaker notes of a planned slide (activity steps and debrief included).

    The title, agenda, break and closing slides get notes written from the pack: who is
    presenting, the day's shape and breaks, the access arrangements, contact and evaluation.
    A slide's ``about`` notes come first.
    """
    own = _notes(tp, item)
    return item.about + own + _footnote_lines(own)


def _footnote_lines(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Return the footnotes that speaker notes refer to, as ``1. text`` paragraphs after them."""
    out: list[Block] = []
    for note in footnotes_in(blocks):
        first = note.blocks[0] if note.blocks and isinstance(note.blocks[0], Paragraph) else None
        mark = Span(f"{note.number}. ")
        loc = first.loc if first is not None else Loc("", None)
        out.append(Paragraph((mark, *(first.text if first else ())), loc))
        out.extend(note.blocks[1:] if first is not None else note.blocks)
    return tuple(out)


def footnotes_in(blocks: tuple[Block, ...]) -> list[Footnote]:
    """Return the footnotes referred to in ``blocks`` (text, lists, quotes, tables), in order."""
    found: list[Footnote] = []
    for block in blocks:
        for text in _texts(block):
            found.extend(s.note for s in text if s.note is not None)
    return found


def has_code(blocks: tuple[Block, ...]) -> bool:
    """Return True when ``blocks`` show code anywhere: a code span or block in their text,
    lists, quotes, tables or the footnotes they refer to."""
    return any(s.code or (s.note is not None and has_code(s.note.blocks))
               for text in _all(blocks) for s in text)


def _texts(block: Block) -> list[Text]:
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, ListBlock):
        return [t for i in block.items for t in
                [i.text, *_all(i.blocks), *_all(i.children)]]
    if isinstance(block, (Quote, Conditional)):
        return _all(block.blocks)
    if isinstance(block, Table):
        return [*block.header, *(c for row in block.rows for c in row)]
    return []


def _all(blocks: tuple[Block, ...]) -> list[Text]:
    return [t for b in blocks for t in _texts(b)]


def _notes(tp: TailoredPack, item: PlannedSlide) -> tuple[Block, ...]:
    if item.row is not None:
        own = item.row.notes
    elif item.slide is not None:
        own = item.slide.notes + _activity_notes(item)
    else:
        return _WRITTEN.get(item.kind, _nothing)(tp, item)
    return own + _closing_notes(tp, item) if item.kind == "closing" else own


def clock_for(tp: TailoredPack, minutes: int) -> str:
    """Return a clock time as the pack's deck shows it: ``10:05``, or ``10:05am`` in easy read."""
    return clock_easy_read(minutes) if is_easy_read(tp) else clock(minutes)


def section_lines(tp: TailoredPack, item: PlannedSlide) -> tuple[str, ...]:
    """Return what a module's section slide says under its title: when, how long, its aim.

    Standard decks add the module's first objective; easy-read decks show the time and length
    only (objectives are written for facilitators, not in easy read).
    """
    module = item.module
    if module is None:
        return ()
    entry = next((e for e in tp.timetable.entries if e.module_id == module.id), None)
    length = _minutes(entry.minutes if entry is not None else module.duration)
    when = f"{clock_for(tp, entry.start)}, {length}" if entry is not None else length
    if is_easy_read(tp) or not module.objectives:
        return (when,)
    return (when, module.objectives[0])


def break_lines(tp: TailoredPack, entry: TimetableEntry) -> tuple[str, str]:
    """Return a break slide's two lines: how long, and when people come back."""
    return _minutes(entry.minutes), f"Back at {clock_for(tp, entry.start + entry.minutes)}"


def group_label(activity: Activity) -> str:
    """Return an activity's grouping as a slide shows it: ``Groups of 3 or 4``."""
    return activity.group[:1].upper() + activity.group[1:]


def is_easy_read(tp: TailoredPack) -> bool:
    """Return True when the pack's deck is in the easy-read style."""
    return tp.pack.deck_style == "easy-read"


# --- notes written from the pack ---------------------------------------------------------


def _title_notes(tp: TailoredPack, item: PlannedSlide) -> tuple[Block, ...]:
    pack, loc = tp.pack, tp.pack.loc
    table = tp.timetable
    blocks = [_para(f"Presenting: {join_names(pack.facilitators)}.", loc)] \
        if pack.facilitators else []
    where = f" at {pack.venue}" if pack.venue else ""
    blocks.append(_para(f"{clock_for(tp, table.start)} to {clock_for(tp, table.end)}{where}.",
                        loc))
    if pack.access:
        blocks.append(_para("Before you start, say where the access arrangements are:", loc,
                            bold=True))
        blocks.append(_list(pack.access, loc))
    return tuple(blocks)


def _agenda_notes(tp: TailoredPack, item: PlannedSlide) -> tuple[Block, ...]:
    loc, table = tp.pack.loc, tp.timetable
    modules = [e for e in table.entries if e.kind == "module"]
    breaks = [e for e in table.entries if e.kind == "break"]
    blocks = [_para(f"{len(modules)} parts from {clock_for(tp, table.start)} to "
                    f"{clock_for(tp, table.end)} ({_length(table.total)}).", loc)]
    if breaks:
        blocks.append(_para("Breaks:", loc, bold=True))
        blocks.append(_list([f"{e.title} at {clock_for(tp, e.start)}, {_minutes(e.minutes)}"
                             for e in breaks], loc))
    else:
        blocks.append(_para("No set breaks: tell people they can take a break whenever they "
                            "need one.", loc))
    return tuple(blocks)


def _break_notes(tp: TailoredPack, item: PlannedSlide) -> tuple[Block, ...]:
    entry = item.entry
    if entry is None:
        return ()
    back = clock_for(tp, entry.start + entry.minutes)
    return (_para(f"Leave this slide up during the break. Start again at {back}, with the "
                  "next slide.", tp.pack.loc),)


def _closing_notes(tp: TailoredPack, item: PlannedSlide) -> tuple[Block, ...]:
    pack, loc = tp.pack, tp.pack.loc
    contact = [pack.contact.get(k, "") for k in ("name", "phone", "email")]
    blocks: list[Block] = []
    if any(contact):
        blocks.append(_para("Contact after the session: " + ", ".join(c for c in contact if c)
                            + ".", loc))
    if _has_evaluation(tp):
        blocks.append(_para("Collect the evaluation forms before people leave.", loc))
    if item.slide is None and item.row is None:
        blocks.append(_para("Thank people for their time.", loc))
    return tuple(blocks)


def _section_notes(tp: TailoredPack, item: PlannedSlide) -> tuple[Block, ...]:
    return _module_notes(item) if item.module is not None else ()


def _nothing(tp: TailoredPack, item: PlannedSlide) -> tuple[Block, ...]:
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
            blocks.append(_list(texts, module.loc))
    return tuple(blocks)


def _has_evaluation(tp: TailoredPack) -> bool:
    names = [m.name for module in tp.modules for m in module.materials]
    names += [m.name for module in tp.modules for a in module.activities for m in a.materials]
    return any("evaluation" in name.casefold() for name in names)


def _minutes(count: int) -> str:
    return f"{count} minute" if count == 1 else f"{count} minutes"


def _length(count: int) -> str:
    """Return a length of time as people say it: ``45 minutes``, ``3 hours 25 minutes``."""
    hours, minutes = divmod(count, 60)
    if not hours:
        return _minutes(minutes)
    said = f"{hours} hour" if hours == 1 else f"{hours} hours"
    return f"{said} {_minutes(minutes)}" if minutes else said


def _para(text: str, loc: Loc, bold: bool = False) -> Paragraph:
    return Paragraph((Span(text, bold=bold),), loc)


def _list(texts: list[str] | tuple[str, ...], loc: Loc) -> ListBlock:
    return ListBlock(tuple(ListItem((Span(t),)) for t in texts), False, loc)


_WRITTEN: dict[str, Callable[[TailoredPack, PlannedSlide], tuple[Block, ...]]] = {
    "title": _title_notes, "agenda": _agenda_notes, "section": _section_notes,
    "break": _break_notes, "closing": _closing_notes,
}
"""Slide kinds whose notes packgen writes from the pack (a section slide: its module's aims);
every other kind without content of its own says nothing."""
