"""The project model: audiences, spaces, glossary, credits, theme, settings and packs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from packgen.model.content import EMPTY, Image, Loc, Module

PACK_FIELDS = ("title", "organisation", "date", "venue", "facilitators", "audience", "start",
               "slot", "contact")
"""Pack fields content can name: ``{{ organisation }}``."""

FRIENDLY_NAMES = ("date_long", "facilitator_names", "start_time", "start_time_12h", "end_time",
                  "end_time_12h", "audience_name")
"""Ready-made forms of the pack fields for running text."""

RESERVED_NAMES = PACK_FIELDS + FRIENDLY_NAMES + ("model",)
"""Every name the context provides; a pack's ``variables`` may not reuse one."""

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
    """``heading``, ``body`` and ``code`` (monospace, for code spans and blocks) family names;
    files ship in ``templates/fonts``."""
    logo: Image | None = None
    layouts: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    """Slide kind to layout name overrides."""
    source: str = "packgen:theme.yaml"

    def colour(self, name: str) -> str:
        """Return ``#RRGGBB`` for a theme colour name or a literal ``#RRGGBB``."""
        return name if name.startswith("#") else self.colours[name]


WHOLE_THRESHOLDS = ("slide_lines", "slide_words", "sentence_words", "syllables")
"""``[rules]`` thresholds that count things: whole numbers above 0."""

THRESHOLDS = WHOLE_THRESHOLDS + ("contrast", "contrast_easy_read", "zipf", "grade", "ease")
"""Every ``[rules]`` threshold a rule reads from ``packgen.toml``."""


@dataclass(frozen=True, slots=True)
class Config:
    """Settings from ``packgen.toml``: thresholds, allow-list, silenced warnings."""

    thresholds: Mapping[str, float] = field(default_factory=lambda: EMPTY)
    allow_words: frozenset[str] = frozenset()
    silence: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: EMPTY)
    """Rule code to the file paths or pack ids it is silenced for (``*`` for everywhere)."""
    implicit_figures: bool = True
    """Pandoc's ``implicit_figures``: a picture alone in its paragraph shows its ``![...]``
    text as a visible caption (``[markdown] implicit_figures`` in ``packgen.toml``)."""
    smart: bool = True
    """Pandoc's ``smart``: straight quotes shown curly, ``--``/``---`` as dashes, ``...`` as
    an ellipsis (``[markdown] smart`` in ``packgen.toml``; false shows the text as typed)."""


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
    languages: tuple[str, ...] = ()
    """A bilingual pack's language tags, Welsh first (``("cy-GB", "en-GB")``); empty for a
    pack in one language (``language``). The pack's own fields hold the first language's
    values."""
    localised: Mapping[str, Mapping[str, object]] = field(default_factory=lambda: EMPTY)
    """Language tag to the fields a bilingual pack writes per language (``{cy: ..., en:
    ...}``), converted as the field's own value."""
    checked_by_cy: str | None = None
    """Who checked the Welsh text (a Welsh output nobody has checked says so)."""

    @property
    def needs(self) -> tuple[str, ...]:
        """Return every language tag the pack is built in, first language first."""
        return self.languages or (self.language,)


@dataclass(frozen=True, slots=True)
class Translation:
    """The project's text in one more language: the modules' text, glossary and spaces."""

    language: str
    """The tag, such as ``cy-GB``."""
    modules: Mapping[str, Module]
    """Module id to the module with its text in this language (timings, audiences, ids and
    pictures as the English file gives them)."""
    glossary: tuple[GlossaryEntry, ...] = ()
    """The entries translated, each with the English entry's picture."""
    spaces: tuple[Space, ...] = ()
    """Every space, with its name, holder and description in this language where given."""
    terms: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    """English glossary term to the term that translates it."""
    translated_by: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    """Module id to who translated it (front matter ``translated_by``)."""


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
    translations: Mapping[str, Translation] = field(default_factory=lambda: EMPTY)
    """Language tag to the project's text in that language (``cy-GB`` from ``NAME.cy.md``,
    ``glossary.cy.yaml`` and ``model.cy.yaml``); empty in an English-only project."""
