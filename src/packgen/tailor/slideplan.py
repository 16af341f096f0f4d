"""The deck's slide sequence, numbered: computed once per pack and kept on the TailoredPack.

The deck writer renders exactly ``tp.slides`` in this order, and the guide and the rules quote
their numbers, so they always agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from packgen.model import (
    Activity,
    Block,
    Columns,
    EasyReadRow,
    Image,
    ListBlock,
    ListItem,
    Module,
    Paragraph,
    PlannedSlide,
    Quote,
    Slide,
    SpacesDiagram,
    Span,
    Table,
    TailoredPack,
    TimetableEntry,
    plain,
)
from packgen.translations import N_, SOURCE, words

STATEMENT_WORDS = 30
"""A statement slide's paragraph has at most this many words, in one or two sentences."""
TASK_WORDS = 40
"""An activity's steps are shown on its slide (when it has no intro) up to this many words."""


def plan(tp: TailoredPack) -> tuple[PlannedSlide, ...]:
    """Return every slide of the pack's deck, numbered from 1, in the pack's deck style.

    The deck follows the timetable: each module opens with its section slide, and each break
    has a break slide where it falls. The last module's own thank-you (see ``closing_of``)
    becomes the closing slide instead of standing before packgen's.
    """
    easy, _ = tp.pack.deck_style == "easy-read", words(tp.language)
    breaks = _breaks_after(tp)
    last = _without_thanks(tp.modules[-1], easy) if tp.modules else None
    drafts: list[PlannedSlide] = [
        _draft("title", tp.pack.title),
        _draft("agenda", _(EASY_AGENDA_TITLE if easy else AGENDA_TITLE)),
        *breaks.get(None, ()),
    ]
    noted = sum(bool(m.footnotes) for m in tp.modules)
    for i, module in enumerate(tp.modules):
        shown = last if last is not None and i == len(tp.modules) - 1 else module
        drafts.append(_draft("section", module.title, module))
        drafts.extend(replace(d, module=module) for d in _module_drafts(shown, easy))
        drafts.extend(_footnotes_slide(module, noted > 1) if not easy else ())
        drafts.extend(breaks.get(module.id, ()))
    drafts.append(_closing(tp.modules[-1] if tp.modules else None, easy, _(CLOSING_TITLE)))
    return tuple(replace(d, number=n) for n, d in enumerate(drafts, start=1))


def closing_of(module: Module, easy: bool) -> Slide | EasyReadRow | None:
    """Return the last module's own thank-you, which the closing slide takes over, or None.

    It is the module's last slide when its title starts "Thank you" (standard decks), or its
    last easy-read row when that row's first sentence does (easy-read decks).
    """
    if easy:
        row = module.easy_read[-1] if module.easy_read else None
        said = plain(row.sentences[0]) if row is not None and row.sentences else ""
        return row if _thanks(said) else None
    slide = module.slides[-1] if module.slides else None
    return slide if slide is not None and _thanks(plain(slide.title)) else None


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
        if isinstance(only, Paragraph) and is_statement(plain(only.text)):
            return "statement"
        for cls, kind in ((Table, "table"), (Quote, "quote"), (Image, "picture")):
            if isinstance(only, cls):
                return kind
    if any(isinstance(b, Table) for b in blocks):
        return "table"
    return "content"


def is_statement(text: str) -> bool:
    """Return True for text that can stand alone on a slide: one or two whole sentences
    (ending ``.``, ``!`` or ``?``) of at most ``STATEMENT_WORDS`` words."""
    text = text.strip()
    sentences = [s for s in _SENTENCE_END.split(text) if s]
    return (text.endswith((".", "!", "?")) and 0 < len(sentences) <= 2
            and len(text.split()) <= STATEMENT_WORDS)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def activity_task(activity: Activity) -> tuple[Block, ...]:
    """Return what an activity slide shows as the task: its intro as written, else its steps
    numbered when they are short enough for a slide (``TASK_WORDS``), else nothing."""
    if activity.intro:
        return activity.intro
    if not activity.steps or task_words(activity) > TASK_WORDS:
        return ()
    return (ListBlock(tuple(ListItem(step) for step in activity.steps), True, activity.loc),)


def task_words(activity: Activity) -> int:
    """Return how many words an activity's steps run to."""
    return sum(len(plain(step).split()) for step in activity.steps)


def untitled_name(module: Module, number: int, lang: str = SOURCE) -> str:
    """Return the off-slide title a screen reader hears for a ``---`` slide, in the deck's
    language ``lang``."""
    _ = words(lang)
    return _("{module}, slide {number}", module=module.title, number=number)


AGENDA_TITLE, EASY_AGENDA_TITLE = N_("Agenda"), N_("What we will do")
"""The agenda slide's title in a standard deck and in an easy-read one."""
CLOSING_TITLE = N_("Thank you")
"""The closing slide's title when the content has no thank-you of its own."""


def _draft(kind: str, title: str, module: Module | None = None, slide: Slide | None = None,
           row: EasyReadRow | None = None, entry: TimetableEntry | None = None
           ) -> PlannedSlide:
    """Return a planned slide not yet numbered (``plan`` numbers them in deck order)."""
    return PlannedSlide(0, kind, title, module, slide, row, entry)


def _breaks_after(tp: TailoredPack) -> dict[str | None, list[PlannedSlide]]:
    """Return the break slides by the module each follows in the timetable (None: none)."""
    after: dict[str | None, list[PlannedSlide]] = {}
    previous: str | None = None
    for entry in tp.timetable.entries:
        if entry.kind == "break":
            after.setdefault(previous, []).append(_draft("break", entry.title, entry=entry))
        else:
            previous = entry.module_id
    return after


THANKS = ("thank you", "diolch")
"""How a module's own thank-you starts, in each language packgen writes: the closing slide
takes it."""


def _thanks(text: str) -> bool:
    return text.strip().casefold().startswith(THANKS)


def _without_thanks(module: Module, easy: bool) -> Module | None:
    """Return the last module without the thank-you the closing slide takes, or None."""
    if closing_of(module, easy) is None:
        return None
    if easy:
        return replace(module, easy_read=module.easy_read[:-1])
    return replace(module, slides=module.slides[:-1])


def _closing(module: Module | None, easy: bool, thanks: str) -> PlannedSlide:
    """Return the closing slide, titled ``thanks`` unless the content's own thank-you slide
    gives its title."""
    own = closing_of(module, easy) if module is not None else None
    if isinstance(own, Slide):
        return _draft("closing", plain(own.title), module, own)
    if isinstance(own, EasyReadRow):
        return _draft("closing", thanks, module, row=own)
    return _draft("closing", thanks)


FOOTNOTES_TITLE = "Notes"
"""The title of the slide that holds a module's footnotes, as Pandoc's PowerPoint writer."""


def footnotes_slide(module: Module, named: bool = False) -> Slide | None:
    """Return the slide listing a module's footnotes (``1. text``), or None without any.

    It is titled "Notes" (with the module's title when ``named``: several modules have
    footnotes and slide titles stay unique).
    """
    if not module.footnotes:
        return None
    blocks: list[Block] = []
    for note in module.footnotes:
        mark = Span(f"{note.number}. ")
        first = note.blocks[0] if note.blocks else None
        if isinstance(first, Paragraph):
            blocks.append(replace(first, text=(mark, *first.text)))
            blocks.extend(note.blocks[1:])
        else:
            blocks.extend((Paragraph((mark,), module.loc), *note.blocks))
    title = f"{FOOTNOTES_TITLE}: {module.title}" if named else FOOTNOTES_TITLE
    return Slide((Span(title),), "content", tuple(blocks), module.loc)


def footnotes_slides(planned: tuple[PlannedSlide, ...]) -> dict[str, int]:
    """Return each module's id to the number of the slide listing its footnotes (modules
    without one are left out). It is the module's last slide titled as ``footnotes_slide``
    titles it: packgen places it after the module's own slides."""
    found: dict[str, int] = {}
    for item in planned:
        module = item.module
        if module is not None and module.footnotes and item.title in (
                FOOTNOTES_TITLE, f"{FOOTNOTES_TITLE}: {module.title}"):
            found[module.id] = item.number
    return found


def _footnotes_slide(module: Module, named: bool) -> list[PlannedSlide]:
    slide = footnotes_slide(module, named)
    return [] if slide is None else [_draft("content", plain(slide.title), module, slide)]


def _module_drafts(module: Module, easy: bool) -> list[PlannedSlide]:
    if easy:
        return [_draft(*row) for row in _easy_rows(module)]
    return _content(module)


def _content(module: Module) -> list[PlannedSlide]:
    return [_draft(slide_kind(s), plain(s.title), module, s) for s in module.slides]


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
