"""The tailored pack every builder reads: chosen modules, timetable, variables, slide plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from packgen.model.content import EMPTY, Block, EasyReadRow, Module, Slide
from packgen.model.project import Pack, Project

# --- tailored result ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedSlide:
    """One slide of the deck, in order."""

    number: int
    kind: str
    title: str
    module: Module | None = None
    slide: Slide | None = None
    row: EasyReadRow | None = None
    entry: TimetableEntry | None = None
    """The timetable part a break slide stands for (None on every other kind)."""
    about: tuple[Block, ...] = ()
    """Speaker notes put before the slide's own: the gallery says what each slide shows."""


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
    slides: tuple[PlannedSlide, ...] = ()
    """The deck's slides in order, planned once by tailoring; the guide and rules quote them."""
    also_in: tuple[str, ...] = ()
    """The tags of the pack's other language versions, built beside this one (a bilingual
    pack's English version has ``("cy-GB",)``: it says a Welsh version exists)."""

    @property
    def language(self) -> str:
        """Return the pack's language tag, for example ``en-GB``."""
        return self.pack.language

    @property
    def file_language(self) -> str:
        """Return the language part its file names carry (``cy`` in ``p-slides.cy.pptx``):
        empty for a pack in one language, whose names carry none."""
        return self.language.split("-")[0].lower() if self.also_in else ""
