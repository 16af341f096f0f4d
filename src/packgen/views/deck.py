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
from packgen.translations import N_, words
from packgen.views import languages
from packgen.views.languages import Statement
from packgen.wording import clock, clock_easy_read, join_names, length_said, minutes_said


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
        own = item.slide.notes + _activity_notes(item, tp.language)
    else:
        return _WRITTEN.get(item.kind, _nothing)(tp, item)
    return own + _closing_notes(tp, item) if item.kind == "closing" else own


def clock_for(tp: TailoredPack, minutes: int) -> str:
    """Return a clock time as the pack's deck shows it: ``10:05``, or ``10:05am`` in easy read."""
    return clock_easy_read(minutes, tp.language) if is_easy_read(tp) else clock(minutes)


def section_lines(tp: TailoredPack, item: PlannedSlide) -> tuple[str, ...]:
    """Return what a module's section slide says under its title: when, how long, its aim.

    Standard decks add the module's first objective; easy-read decks show the time and length
    only (objectives are written for facilitators, not in easy read).
    """
    module = item.module
    if module is None:
        return ()
    entry = next((e for e in tp.timetable.entries if e.module_id == module.id), None)
    length = minutes_said(entry.minutes if entry is not None else module.duration, tp.language)
    when = f"{clock_for(tp, entry.start)}, {length}" if entry is not None else length
    if is_easy_read(tp) or not module.objectives:
        return (when,)
    return (when, module.objectives[0])


def break_lines(tp: TailoredPack, entry: TimetableEntry) -> tuple[str, str]:
    """Return a break slide's two lines: how long, and when people come back."""
    back, _ = clock_for(tp, entry.start + entry.minutes), words(tp.language)
    return minutes_said(entry.minutes, tp.language), _("Back at {time}", time=back)


def title_also_in(tp: TailoredPack, others: tuple[str, ...] = ()) -> tuple[Statement, ...]:
    """Return what the title slide says about the deck's other language versions
    (``others``, tags): nothing when there are none."""
    return languages.also_in(tp.language, others)


def group_label(activity: Activity) -> str:
    """Return an activity's grouping as a slide shows it: ``Groups of 3 or 4``."""
    return activity.group[:1].upper() + activity.group[1:]


def is_easy_read(tp: TailoredPack) -> bool:
    """Return True when the pack's deck is in the easy-read style."""
    return tp.pack.deck_style == "easy-read"


# --- notes written from the pack ---------------------------------------------------------


def _title_notes(tp: TailoredPack, item: PlannedSlide) -> tuple[Block, ...]:
    pack, loc, _ = tp.pack, tp.pack.loc, words(tp.language)
    table = tp.timetable
    names = join_names(pack.facilitators, tp.language)
    blocks = [_para(_("Presenting: {names}.", names=names), loc)] if pack.facilitators else []
    times = {"start": clock_for(tp, table.start), "end": clock_for(tp, table.end)}
    said = _("{start} to {end} at {venue}.", venue=pack.venue, **times) if pack.venue \
        else _("{start} to {end}.", **times)
    blocks.append(_para(said, loc))
    if pack.access:
        blocks.append(_para(_("Before you start, say where the access arrangements are:"), loc,
                            bold=True))
        blocks.append(_list(pack.access, loc))
    return tuple(blocks)


def _agenda_notes(tp: TailoredPack, item: PlannedSlide) -> tuple[Block, ...]:
    loc, table, _ = tp.pack.loc, tp.timetable, words(tp.language)
    modules = [e for e in table.entries if e.kind == "module"]
    breaks = [e for e in table.entries if e.kind == "break"]
    blocks = [_para(_.ngettext("{n} part from {start} to {end} ({length}).",
                               "{n} parts from {start} to {end} ({length}).", len(modules),
                               start=clock_for(tp, table.start), end=clock_for(tp, table.end),
                               length=length_said(table.total, tp.language)), loc)]
    if breaks:
        blocks.append(_para(_("Breaks:"), loc, bold=True))
        blocks.append(_list([_("{title} at {time}, {length}", title=e.title,
                               time=clock_for(tp, e.start),
                               length=minutes_said(e.minutes, tp.language))
                             for e in breaks], loc))
    else:
        blocks.append(_para(_("No set breaks: tell people they can take a break whenever they "
                              "need one."), loc))
    return tuple(blocks)


def _break_notes(tp: TailoredPack, item: PlannedSlide) -> tuple[Block, ...]:
    entry = item.entry
    if entry is None:
        return ()
    back = clock_for(tp, entry.start + entry.minutes)
    _ = words(tp.language)
    return (_para(_("Leave this slide up during the break. Start again at {time}, with the "
                    "next slide.", time=back), tp.pack.loc),)


def _closing_notes(tp: TailoredPack, item: PlannedSlide) -> tuple[Block, ...]:
    pack, loc, _ = tp.pack, tp.pack.loc, words(tp.language)
    contact = [pack.contact.get(k, "") for k in ("name", "phone", "email")]
    blocks: list[Block] = []
    if any(contact):
        blocks.append(_para(_("Contact after the session: {contact}.",
                              contact=", ".join(c for c in contact if c)), loc))
    if _has_evaluation(tp):
        blocks.append(_para(_("Collect the evaluation forms before people leave."), loc))
    if item.slide is None and item.row is None:
        blocks.append(_para(_("Thank people for their time."), loc))
    return tuple(blocks)


def _section_notes(tp: TailoredPack, item: PlannedSlide) -> tuple[Block, ...]:
    return _module_notes(item, tp.language) if item.module is not None else ()


def _nothing(tp: TailoredPack, item: PlannedSlide) -> tuple[Block, ...]:
    return ()


def _activity_notes(item: PlannedSlide, lang: str) -> tuple[Block, ...]:
    activity = item.slide.activity if item.slide else None
    if activity is None:
        return ()
    loc = activity.loc
    blocks: list[Block] = []
    for heading, texts, ordered in ((N_("Steps"), activity.steps, True),
                                    (N_("Debrief"), activity.debrief, False)):
        if texts:
            blocks.append(Paragraph((Span(words(lang)(heading), bold=True),), loc))
            blocks.append(ListBlock(tuple(ListItem(t) for t in texts), ordered, loc))
    return tuple(blocks)


def _module_notes(item: PlannedSlide, lang: str) -> tuple[Block, ...]:
    module = item.module
    blocks: list[Block] = []
    for heading, texts in ((N_("Objectives"), module.objectives),
                           (N_("Key messages"), module.key_messages)):
        if texts:
            blocks.append(Paragraph((Span(words(lang)(heading), bold=True),), module.loc))
            blocks.append(_list(texts, module.loc))
    return tuple(blocks)


def _has_evaluation(tp: TailoredPack) -> bool:
    names = [m.name for module in tp.modules for m in module.materials]
    names += [m.name for module in tp.modules for a in module.activities for m in a.materials]
    return any("evaluation" in name.casefold() for name in names)


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
