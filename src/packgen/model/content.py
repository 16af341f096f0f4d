"""The content model: inline text, blocks, activities, easy-read rows, slides and modules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Union

EMPTY: Mapping[str, object] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Loc:
    """A place in the user's project: path relative to the project root, 1-based line."""

    path: str
    line: int | None = None


# --- inline text -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one set of inline formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None
    """Target URL when the span is (part of) a link."""
    soft_break: bool = False
    """True for a line break inside a paragraph (the span's text is empty)."""
    strike: bool = False
    """``~~struck out~~``."""
    sub: bool = False
    """``H~2~O``: subscript."""
    sup: bool = False
    """``2^10^``: superscript."""
    smallcaps: bool = False
    """``[text]{.smallcaps}``."""
    underline: bool = False
    """``[text]{.underline}`` (or ``.ul``)."""
    mark: bool = False
    """``[text]{.mark}``: highlighted."""
    attrs: tuple[tuple[str, str], ...] = ()
    """Other attributes of a bracketed span (``id``, ``class``, ``lang`` ...) as written; no
    output shows them (as Pandoc's PowerPoint writer drops them)."""
    literal: bool = False
    """True for characters written with a backslash (``\\'``, ``\\-``): shown as typed, never
    turned into curly quotes or dashes."""
    math: str = ""
    """``inline`` or ``display`` when the span is an equation: its text is then the TeX
    (checked when read); empty for ordinary text."""
    note: Footnote | None = None
    """The footnote this span refers to (``text[^1]``, ``^[note]``); its text is the number."""
    new_line: bool = False
    """With ``soft_break``: a break a table cell shows as a new line (between the blocks of a
    grid table cell, as Pandoc writes them); a writer that draws cells as one line shows a space."""


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote's blocks and its number (in order of first reference, per deck once
    tailored; per module as parsed)."""

    blocks: tuple[Block, ...]
    number: int


Text = tuple[Span, ...]
"""A paragraph's worth of inline spans."""


def plain(text: Text) -> str:
    """Return the text of spans without formatting (soft breaks become spaces).

    An equation counts as its TeX: about the room it takes, for the overflow measure; the
    readability rules mask it with ``words``.
    """
    return "".join(" " if s.soft_break else s.text for s in text)


def words(text: Text) -> str:
    """Return the text of spans as words to read: each equation becomes one placeholder word
    (``formula``), so TeX never counts as hard words or long sentences."""
    return "".join(" " if s.soft_break else "formula" if s.math else s.text for s in text)


# --- blocks ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of inline text."""

    text: Text
    loc: Loc


@dataclass(frozen=True, slots=True)
class ListItem:
    """One list item: its own text, the blocks after it, and any lists nested under it."""

    text: Text
    children: tuple[ListBlock, ...] = ()
    blocks: tuple[Block, ...] = ()
    """Quotes, code, a div's content and the paragraphs after them, in order; shown after the
    item's text and before its nested lists. Tables and pictures are lifted out after the list."""


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bulleted or numbered list; nesting lives in ``ListItem.children``."""

    items: tuple[ListItem, ...]
    ordered: bool
    loc: Loc
    start: int = 1


@dataclass(frozen=True, slots=True)
class Image:
    """A picture inside the project, with its alt text."""

    src: str
    """Path relative to the project root (posix separators), already checked to exist."""
    alt: str
    """The description a screen reader says (``fig-alt`` when given, else the ``![...]``
    text)."""
    loc: Loc
    width: str | None = None
    """Width as written (``40%``, ``8cm``, ``3in``, ``300px``), or None for the layout's size."""
    decorative: bool = False
    """True for ``{.decorative}``: no meaning, marked decorative for screen readers."""
    caption: str = ""
    """Text shown under the picture: a figure's ``![...]`` text (implicit figures on), else
    the title in quotes after the file name; empty for none."""
    figure: bool = False
    """True when implicit figures are on: the caption is set as a figure's, right under the
    picture; False keeps packgen's alt-only layout (a caption strip at the foot of the
    picture's area)."""
    link: str | None = None
    """Address a click on the picture opens (``[![alt](x.png)](https://...)``), or None."""


@dataclass(frozen=True, slots=True)
class Table:
    """A table: pipe, simple, multiline or grid; its header row is optional."""

    header: tuple[Text, ...]
    """The header row's cells; empty for a table without a header row."""
    rows: tuple[tuple[Text, ...], ...]
    loc: Loc
    align: tuple[str | None, ...] = ()
    """Per column: ``left``, ``center``, ``right`` or None."""
    caption: Text = ()
    """The ``Table: ...`` caption written before or after the table; may be empty."""

    @property
    def has_header(self) -> bool:
        """Return True when the table has a header row."""
        return bool(self.header)

    @property
    def width(self) -> int:
        """Return the number of columns (the widest row's)."""
        return max((len(r) for r in (self.header, *self.rows)), default=0)


@dataclass(frozen=True, slots=True)
class Quote:
    """A block quote."""

    blocks: tuple[Block, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class Columns:
    """Side-by-side columns (``:::: columns`` with ``::: column`` children)."""

    columns: tuple[tuple[Block, ...], ...]
    loc: Loc
    widths: tuple[str | None, ...] = ()


@dataclass(frozen=True, slots=True)
class Conditional:
    """Blocks shown only to some audiences (``::: {audience="staff mixed"}``)."""

    audiences: tuple[str, ...]
    blocks: tuple[Block, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class SpacesDiagram:
    """Placeholder for the spaces diagram drawn from ``model.yaml`` (``::: spaces``)."""

    loc: Loc
    highlight: tuple[str, ...] = ()
    """Ids of the spaces to bring forward (``::: {.spaces highlight="my-space"}``); the
    others are drawn faintly. Empty: every space drawn alike."""


@dataclass(frozen=True, slots=True)
class Material:
    """Something a session needs, with how many: per session, per participant or per group."""

    name: str
    count: int = 1
    per: str = "session"
    """``session``, ``participant`` or ``group``."""
    loc: Loc | None = None


@dataclass(frozen=True, slots=True)
class Tip:
    """Advice for running an activity with one audience."""

    audience: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Activity:
    """A timed activity: its own slide in the deck and its full text in the guide."""

    title: str
    minutes: int
    loc: Loc
    group: str = ""
    """Group size as written, for example ``groups of 3 or 4``."""
    group_size: int | None = None
    """Largest group size, for print counts of per-group materials."""
    intro: tuple[Block, ...] = ()
    """Short instructions shown on the activity slide."""
    materials: tuple[Material, ...] = ()
    steps: tuple[Text, ...] = ()
    debrief: tuple[Text, ...] = ()
    tips: tuple[Tip, ...] = ()
    notes: tuple[Block, ...] = ()


@dataclass(frozen=True, slots=True)
class EasyReadRow:
    """One easy-read idea: a picture on the left and one to three short sentences."""

    sentences: tuple[Text, ...]
    image: Image | None
    loc: Loc
    notes: tuple[Block, ...] = ()
    """Facilitator notes for this row's slide in an easy-read deck."""
    audiences: tuple[str, ...] = ()
    """Empty for every audience; else only these."""
    title: Text = ()
    """The row's own short title (a heading before its picture), for its slide; may be empty."""


Block = Union[
    Paragraph, ListBlock, Image, Table, Quote, Columns, Conditional, SpacesDiagram, Activity
]


# --- modules and slides ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Slide:
    """One slide as written: a ``#``/``##`` heading, or a ``---`` break with no title."""

    title: Text
    kind: str
    """``section``, ``content`` or ``activity`` (other kinds are decided by the deck builder)."""
    blocks: tuple[Block, ...]
    loc: Loc
    notes: tuple[Block, ...] = ()
    layout: str | None = None
    """Layout name chosen in the content (``{layout="Quote"}``), or None for the default."""
    audiences: tuple[str, ...] = ()
    """Empty for every audience; else the slide is kept only for these."""
    activity: Activity | None = None
    """The activity this slide presents, for ``kind == "activity"``."""


@dataclass(frozen=True, slots=True)
class Module:
    """One workshop module: a Markdown file with front matter."""

    id: str
    title: str
    duration: int
    """Minutes, activities included."""
    slides: tuple[Slide, ...]
    loc: Loc
    audiences: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    key_messages: tuple[str, ...] = ()
    materials: tuple[Material, ...] = ()
    easy_read: tuple[EasyReadRow, ...] = ()
    has_easy_read: bool = False
    """True when the module has an easy-read block (even if tailoring emptied it)."""
    footnotes: tuple[Footnote, ...] = ()
    """The footnotes its slides refer to, numbered per deck (set by tailoring; speaker notes'
    footnotes stay in the notes)."""

    @property
    def activities(self) -> tuple[Activity, ...]:
        """Return the module's activities in slide order."""
        return tuple(s.activity for s in self.slides if s.activity is not None)
