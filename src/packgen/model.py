"""The immutable model every stage shares: content, packs, project data and the tailored pack.

Loaders build these objects, ``tailor`` derives a ``TailoredPack`` from them with
``dataclasses.replace``, and builders only read them. Nothing here does I/O or imports a
parsing or rendering library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
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


Text = tuple[Span, ...]
"""A paragraph's worth of inline spans."""


def plain(text: Text) -> str:
    """Return the text of spans without formatting (soft breaks become spaces)."""
    return "".join(" " if s.soft_break else s.text for s in text)


# --- blocks ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of inline text."""

    text: Text
    loc: Loc


@dataclass(frozen=True, slots=True)
class ListItem:
    """One list item: its own text and any lists nested under it."""

    text: Text
    children: tuple[ListBlock, ...] = ()


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
    loc: Loc
    width: str | None = None
    """Width as written (``40%``, ``8cm``, ``3in``, ``300px``), or None for the layout's size."""
    decorative: bool = False
    """True for ``{.decorative}``: no meaning, marked decorative for screen readers."""
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    """A pipe table; the first row is always the header row."""

    header: tuple[Text, ...]
    rows: tuple[tuple[Text, ...], ...]
    loc: Loc
    align: tuple[str | None, ...] = ()
    """Per column: ``left``, ``center``, ``right`` or None."""


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

    @property
    def activities(self) -> tuple[Activity, ...]:
        """Return the module's activities in slide order."""
        return tuple(s.activity for s in self.slides if s.activity is not None)


# --- project data ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Audience:
    """A known audience id with a name and a line of description."""

    id: str
    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Space:
    """One space of the model (my space, your space, shared space, ...)."""

    id: str
    name: str
    holder: str
    """Who holds power and control there."""
    description: str
    colour: str
    """A theme colour name (``my_space``) or ``#RRGGBB``; builders resolve it via the theme."""
    picture: Image | None = None
    overlaps: tuple[str, ...] = ()
    """Ids of the spaces this one is the overlap of (shared space overlaps my and your space)."""


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """A hard word with its easy-read explanation."""

    term: str
    explanation: str
    loc: Loc
    forms: tuple[str, ...] = ()
    """Other spellings or inflections that count as the same word (plural, verb forms)."""
    image: Image | None = None


@dataclass(frozen=True, slots=True)
class Credit:
    """Where one picture comes from and what its licence asks (``content/images/CREDITS.yaml``)."""

    src: str
    """The picture's project-relative path."""
    source: str
    author: str
    licence: str
    loc: Loc
    attribution: str = ""
    """Text the licence asks to show with the picture; empty when it asks for none."""


@dataclass(frozen=True, slots=True)
class Theme:
    """Colours, fonts and logo shared by every output (``templates/theme.yaml``)."""

    colours: Mapping[str, str]
    """Name to ``#RRGGBB``: at least ``text``, ``background``, ``accent``, plus space colours."""
    fonts: Mapping[str, str]
    """``heading`` and ``body`` family names; files ship in ``templates/fonts``."""
    logo: Image | None = None
    layouts: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    """Slide kind to layout name overrides."""
    source: str = "packgen:theme.yaml"

    def colour(self, name: str) -> str:
        """Return ``#RRGGBB`` for a theme colour name or a literal ``#RRGGBB``."""
        return name if name.startswith("#") else self.colours[name]


@dataclass(frozen=True, slots=True)
class Config:
    """Settings from ``packgen.toml``: thresholds, allow-list, silenced warnings."""

    thresholds: Mapping[str, float] = field(default_factory=lambda: EMPTY)
    allow_words: frozenset[str] = frozenset()
    silence: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: EMPTY)
    """Rule code to the file paths or pack ids it is silenced for (``*`` for everywhere)."""


@dataclass(frozen=True, slots=True)
class Break:
    """A break in a pack's timetable: after a module, or at a fixed clock time."""

    minutes: int
    loc: Loc
    after: str | None = None
    """Module id the break follows."""
    at: int | None = None
    """Fixed clock time in minutes since midnight."""
    title: str = "Break"


@dataclass(frozen=True, slots=True)
class Pack:
    """One tailored pack as written in ``content/packs/<id>.yaml``."""

    id: str
    title: str
    audience: str
    organisation: str
    date: dt.date
    start: int
    """Clock start time in minutes since midnight."""
    slot: int
    """Minutes available."""
    venue: str
    facilitators: tuple[str, ...]
    modules: tuple[str, ...]
    loc: Loc
    variables: Mapping[str, object] = field(default_factory=lambda: EMPTY)
    template: str = "deck.pptx"
    language: str = "en-GB"
    deck_style: str = "standard"
    participants: int | None = None
    breaks: tuple[Break, ...] = ()
    access: tuple[str, ...] = ()
    contact: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    cover: Image | None = None
    checked_by: str | None = None
    lines: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    """Line of each top-level key, and of each ``modules[i]`` entry, for diagnostics."""


@dataclass(frozen=True, slots=True)
class Project:
    """Everything loaded from one project folder."""

    root: Path
    modules: Mapping[str, Module]
    packs: Mapping[str, Pack]
    audiences: Mapping[str, Audience]
    """Empty when the project has no ``audiences.yaml`` (then any audience id is accepted)."""
    spaces: tuple[Space, ...]
    glossary: tuple[GlossaryEntry, ...]
    theme: Theme
    config: Config
    credits: tuple[Credit, ...] = ()
    inputs: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    """Every input file read (project-relative path or ``packgen:<name>``) to its sha256."""


# --- tailored result ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimetableEntry:
    """One part of the session plan."""

    kind: str
    """``module`` or ``break``."""
    title: str
    start: int
    """Clock time in minutes since midnight."""
    minutes: int
    module_id: str | None = None


@dataclass(frozen=True, slots=True)
class Timetable:
    """The computed session plan shared by the agenda slide and the guide."""

    entries: tuple[TimetableEntry, ...]
    start: int
    slot: int

    @property
    def end(self) -> int:
        """Return the clock time the last part ends."""
        return self.entries[-1].start + self.entries[-1].minutes if self.entries else self.start

    @property
    def total(self) -> int:
        """Return the minutes from start to end, breaks included."""
        return self.end - self.start

    def entry_for(self, module_id: str) -> TimetableEntry:
        """Return the entry of one module."""
        return next(e for e in self.entries if e.module_id == module_id)


@dataclass(frozen=True, slots=True)
class TailoredPack:
    """A pack with its modules selected, filtered, filled in and timed: what builders read."""

    pack: Pack
    modules: tuple[Module, ...]
    timetable: Timetable
    project: Project
    context: Mapping[str, object] = field(default_factory=lambda: EMPTY)
    """The variables the content could use, including the friendly forms (``date_long``)."""
    built: dt.datetime = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    """The timestamp stamped into outputs: ``SOURCE_DATE_EPOCH``, else derived from the inputs."""

    @property
    def language(self) -> str:
        """Return the pack's language tag, for example ``en-GB``."""
        return self.pack.language
