"""Carve a module body into slides, following Pandoc's rules at slide level 2.

- ``#`` starts a section slide; notes directly after it go on it; other content under it,
  before the next heading, goes on an untitled slide after it (as Pandoc's PowerPoint writer
  does). An ``audience`` on a ``#`` heading covers every slide of its section.
- ``##`` starts a content slide; ``###`` and deeper are bold lines inside the slide.
- ``---`` ends the slide; content after it starts an untitled slide.
- Content before any heading starts an untitled slide.
- A table ends its slide: it joins the slide it stands in unless that slide already has a
  picture or table, in which case it gets an untitled slide of its own. Columns and the spaces
  diagram join a slide only straight after its heading, else they get an untitled slide of
  their own. Content after any of them starts a new untitled slide; notes directly after them
  go with them. (Pandoc 3's PowerPoint writer does the same for tables and columns.)
- A figure (a picture alone in its paragraph, with alt text) stays on the slide with the text
  around it. With implicit figures on, a picture that starts its paragraph and is no figure (no
  alt text, a link, or text after it) ends its slide as a table does, and the text after it
  starts an untitled slide (Pandoc's rule for a paragraph starting with a picture); with them
  off, every picture stays with the text around it.
- Notes anywhere in a slide belong to that slide. Columns join a slide only when nothing but
  its heading stands before them: notes straight after the heading send the columns to an
  untitled slide of their own, as in Pandoc.
- A table inside a div stays on its slide as text does (Pandoc's slide plan does not look
  inside divs).
- A slide with nothing to show is no slide, as Pandoc drops it: a ``#`` heading with no text
  and no ``background-image`` and no notes after it, and a slide with no title and no notes
  whose content no slide shows (raw HTML or LaTeX, a comment, columns with nothing in
  them). A ``##`` heading with no text and nothing under it stays an empty slide, as in
  Pandoc.
- An activity ends the slide it stands in and becomes its own slide; notes directly after it
  go on it.
- Easy-read blocks leave the slides as they are and feed the module's easy-read rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from packgen.markdown.divs import (
    ActivitySlide,
    Context,
    EasyReadBlock,
    Heading,
    InDiv,
    Notes,
    Part,
    Raw,
    Rule,
    SlidePicture,
    Unshown,
    model_blocks,
    narrow,
    unwrapped,
    warn_loose_column,
)
from packgen.model import (
    Block,
    Columns,
    EasyReadRow,
    Image,
    Loc,
    Paragraph,
    Slide,
    SpacesDiagram,
    Span,
    Table,
    Text,
    plain,
)

BACKGROUND_KEYS = ("background-image", "data-background-image")
"""Heading attributes of a slide background picture, which Pandoc's PowerPoint writer draws."""


@dataclass(frozen=True, slots=True)
class Carved:
    """A module body as slides and easy-read rows."""

    slides: tuple[Slide, ...]
    easy_read: tuple[EasyReadRow, ...]
    has_easy_read: bool


@dataclass
class _Draft:
    title: Text
    loc: Loc
    audiences: tuple[str, ...]
    layout: str | None = None
    blocks: list[Block] = field(default_factory=list)
    notes: list[Block] = field(default_factory=list)
    background: bool = False
    """Its heading names a ``background-image``: Pandoc keeps the slide however empty."""
    unshown: bool = False
    """It holds content no slide shows (raw HTML, a comment)."""

    def shows_nothing(self) -> bool:
        """Return True for a slide Pandoc drops: no title, notes or background, and only
        content no slide shows, or columns with nothing in them."""
        held = self.unshown or bool(self.blocks)
        return (held and not self.background and not self.notes
                and not plain(self.title).strip() and all(map(_empty_columns, self.blocks)))

    def slide(self) -> Slide:
        return Slide(self.title, "content", tuple(self.blocks), self.loc, tuple(self.notes),
                     self.layout, self.audiences)


@dataclass
class _Carver:
    ctx: Context
    slides: list[Slide] = field(default_factory=list)
    draft: _Draft | None = None
    notes_target: int | None = None
    """Index of a section or activity slide that takes notes written directly after it."""
    section_audiences: tuple[str, ...] = ()
    rows: list[EasyReadRow] = field(default_factory=list)
    has_easy_read: bool = False
    blank_sections: set[int] = field(default_factory=set)
    """Indexes of ``#`` slides with no text or background: dropped if no notes come to them."""

    def close(self) -> None:
        if self.draft is not None and not self.draft.shows_nothing():
            self.slides.append(self.draft.slide())
        self.draft, self.notes_target = None, None

    def open_untitled(self, loc: Loc) -> _Draft:
        if self.draft is None:
            self.draft = _Draft((), loc, self.section_audiences)
            self.notes_target = None
        return self.draft

    def add_fixed(self, slide: Slide) -> None:
        self.close()
        self.slides.append(slide)
        self.notes_target = len(self.slides) - 1


def carve(raw: list[Raw], ctx: Context) -> Carved:
    """Return the slides and easy-read rows of a converted module body."""
    carver = _Carver(ctx)
    for item in raw:
        _HANDLERS.get(type(item), _content)(carver, item)
    carver.close()
    slides = tuple(s for i, s in enumerate(carver.slides)
                   if i not in carver.blank_sections or s.notes)
    return Carved(slides, tuple(carver.rows), carver.has_easy_read)


def _heading(carver: _Carver, item: Heading) -> None:
    audiences = item.attrs.words("audience")
    layout = item.attrs.values.get("layout")
    background = any(k in item.attrs.values for k in BACKGROUND_KEYS)
    if item.level == 1:
        carver.section_audiences = audiences
        carver.add_fixed(Slide(item.text, "section", (), item.loc, (), layout, audiences))
        if not plain(item.text).strip() and not background:
            carver.blank_sections.add(len(carver.slides) - 1)
    elif item.level == 2:
        carver.close()
        own = narrow(audiences, carver.section_audiences)
        carver.draft = _Draft(item.text, item.loc, own, layout, background=background)
    else:
        bold = tuple(replace(s, bold=True) for s in item.text)
        carver.open_untitled(item.loc).blocks.append(Paragraph(bold, item.loc))


def _rule(carver: _Carver, item: Rule) -> None:
    carver.close()


def _notes(carver: _Carver, item: Notes) -> None:
    if carver.draft is None and carver.notes_target is not None:
        target = carver.slides[carver.notes_target]
        carver.slides[carver.notes_target] = replace(target, notes=target.notes + item.blocks)
        return
    carver.open_untitled(item.loc).notes.extend(item.blocks)


def _activity(carver: _Carver, item: ActivitySlide) -> None:
    activity = item.activity
    audiences = narrow(item.audiences, carver.section_audiences)
    carver.add_fixed(Slide((Span(activity.title),), "activity", (), item.loc, activity.notes,
                           None, audiences, activity))


def _slide_picture(carver: _Carver, item: SlidePicture) -> None:
    _table(carver, item.image)


def _table(carver: _Carver, item: Table | Image) -> None:
    """End the open slide with ``item``; one already holding a picture or table is closed
    first, so ``item`` gets an untitled slide of its own."""
    draft = carver.draft
    if draft is not None and any(isinstance(b, (Image, Table)) for b in draft.blocks):
        carver.close()
    _end_with(carver, item)


def _filler(carver: _Carver, item: Block) -> None:
    if carver.draft is not None and (carver.draft.blocks or carver.draft.notes):
        carver.close()
    _end_with(carver, item)


def _end_with(carver: _Carver, item: Block) -> None:
    """Put ``item`` on the open slide (or a new untitled one) and end that slide."""
    carver.open_untitled(item.loc).blocks.append(item)
    carver.close()
    carver.notes_target = len(carver.slides) - 1


def _empty_columns(block: Block) -> bool:
    return isinstance(block, Columns) and not any(block.columns)


def _easy_read(carver: _Carver, item: EasyReadBlock) -> None:
    carver.has_easy_read = True
    carver.rows.extend(item.rows)


def _part(carver: _Carver, item: Part) -> None:
    if item.kind != "column":
        model_blocks([item], carver.ctx, "a slide")
        return
    warn_loose_column(item, carver.ctx)
    for inner in unwrapped(item.raw):
        _HANDLERS.get(type(inner), _content)(carver, inner)


def _content(carver: _Carver, item: Block) -> None:
    carver.open_untitled(item.loc).blocks.append(item)


def _in_div(carver: _Carver, item: InDiv) -> None:
    _content(carver, item.block)


def _unshown(carver: _Carver, item: Unshown) -> None:
    if carver.draft is not None:
        carver.draft.unshown = True


_HANDLERS = {
    Heading: _heading,
    Rule: _rule,
    Notes: _notes,
    ActivitySlide: _activity,
    EasyReadBlock: _easy_read,
    Part: _part,
    Table: _table,
    SlidePicture: _slide_picture,
    InDiv: _in_div,
    Unshown: _unshown,
    Columns: _filler,
    SpacesDiagram: _filler,
}
