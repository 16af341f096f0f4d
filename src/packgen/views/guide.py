"""What the facilitator guide shows, computed from a tailored pack (no I/O, no rendering)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from packgen.model import (
    Activity,
    Block,
    Loc,
    Material,
    Module,
    Paragraph,
    PlannedSlide,
    Span,
    TailoredPack,
    Text,
    TimetableEntry,
    Tip,
)
from packgen.paths import output_name
from packgen.tailor.slideplan import untitled_name
from packgen.translations import N_, SOURCE, words
from packgen.views import languages
from packgen.views.deck import has_code
from packgen.views.languages import Statement
from packgen.wording import clock
from packgen.wording import date_long as date_in_full


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One row of the session plan: a module or a break."""

    start: str
    """Clock start, ``10:00``."""
    end: str
    minutes: int
    title: str
    kind: str
    """``module`` or ``break``."""
    slides: str
    """Slide numbers shown, ``3–8``; a break's own slide, ``24``."""
    activities: tuple[str, ...] = ()
    """Activity titles with their minutes, ``Map your meetings (20 min)``."""
    materials: tuple[str, ...] = ()
    """What this part needs, ``Flipchart paper × 4``."""


@dataclass(frozen=True, slots=True)
class MaterialLine:
    """One item of the session-wide materials checklist, merged by name."""

    name: str
    total: int | None
    """How many to bring; None when a count depends on an unknown number of participants."""
    rule: str
    """How the count was worked out, ``1 per participant``; empty for session items."""
    used_in: tuple[str, ...]
    """Where it is used: module title, then activity title when it belongs to one."""


@dataclass(frozen=True, slots=True)
class SlideEntry:
    """One slide of a module as the guide lists it: number, title, speaker notes."""

    number: int
    title: str
    kind: str
    notes: tuple[Block, ...] = ()
    sentences: tuple[Text, ...] = ()
    """An easy-read row's sentences (easy-read decks only)."""
    activity: Activity | None = None


@dataclass(frozen=True, slots=True)
class ModuleGuide:
    """Everything the guide says about one module."""

    module: Module
    start: str
    end: str
    minutes: int
    slides: tuple[SlideEntry, ...]
    extra_activities: tuple[Activity, ...] = ()
    """Activities with no slide of their own (easy-read decks): shown after the slides."""
    closing: tuple[SlideEntry, ...] = ()
    """Deck slides after the module's own (the closing slide, on the last module)."""

    @property
    def slide_range(self) -> str:
        """Return the module's slide numbers as ``3–8`` (empty when it has none)."""
        numbers = [s.number for s in self.slides + self.closing if s.kind != "break"]
        return number_range(numbers[0], numbers[-1]) if numbers else ""


@dataclass(frozen=True, slots=True)
class Use:
    """One use of a material: where, and the count it needs there."""

    material: Material
    module: Module
    activity: Activity | None


ACCESS_ADVICE: tuple[tuple[tuple[str, ...], str], ...] = (
    (("hearing loop", "induction loop"),
     N_("Test the hearing loop with the venue before people arrive.")),
    (("interpreter", "bsl", "sign language"),
     N_("Send the slides and this guide to the interpreters a week before; keep them seats "
        "where everyone can see them.")),
    (("large print",), N_("Print large-print copies of the handout and the slides.")),
    (("step-free", "step free", "wheelchair", "lift"),
     N_("Check on the day that the step-free route is open and clear.")),
    (("quiet room", "quiet space"), N_("Show people where the quiet room is at the start.")),
    (("support worker", "supporter", "personal assistant"),
     N_("Keep seats for support workers next to the people they support.")),
)
"""Words in an access arrangement, and the extra check the guide adds when one appears (the
words are English: an arrangement written in Welsh gets no extra check yet)."""
PER = {"participant": N_("{count} per participant"), "group": N_("{count} per group")}
"""How a count per participant or per group is written."""


def number_range(first: int, last: int) -> str:
    """Return ``3–8``, or ``3`` when both are the same."""
    return str(first) if first == last else f"{first}–{last}"


def session_plan(tp: TailoredPack) -> tuple[PlanRow, ...]:
    """Return the session plan rows, one per timetable entry, in clock order."""
    groups = {mid: [s for s in sl if s.kind != "break"] for mid, sl in slides_by_module(tp).items()}
    ranges = {mid: (sl[0].number, sl[-1].number) for mid, sl in groups.items() if sl}
    modules = {m.id: m for m in tp.modules}
    return tuple(_plan_row(tp, e, modules.get(e.module_id or ""), ranges)
                 for e in tp.timetable.entries)


def timing_summary(tp: TailoredPack) -> str:
    """Return one sentence on the total time against the slot: spare or over."""
    table, _ = tp.timetable, words(tp.language)
    spare = table.slot - table.total
    tail = _("no time spare") if spare == 0 else \
        _("{n} minutes spare", n=spare) if spare > 0 else _("{n} minutes over", n=-spare)
    return _("Total {total} minutes, {start} to {end}, in a {slot}-minute slot: {tail}.",
             total=table.total, start=clock(table.start), end=clock(table.end), slot=table.slot,
             tail=tail)


def slides_by_module(tp: TailoredPack) -> dict[str, list[PlannedSlide]]:
    """Return the deck's slides grouped by module, in deck order.

    The title and agenda slides go with the first module and the closing slide with the last,
    so the plan and the module pages account for every slide the deck shows; a break slide
    goes with the module before it (after that module's own slides).
    """
    groups: dict[str, list[PlannedSlide]] = {m.id: [] for m in tp.modules}
    pending: list[PlannedSlide] = []
    current: str | None = None
    for s in tp.slides:
        if s.module is not None:
            current = s.module.id
            groups[current].extend(pending)
            pending.clear()
        (groups[current] if current else pending).append(s)
    return groups


def materials_checklist(tp: TailoredPack) -> tuple[MaterialLine, ...]:
    """Return every material the session needs, merged by name, in order of first use."""
    merged: dict[str, list[Use]] = {}
    for use in material_uses(tp.modules):
        merged.setdefault(use.material.name.casefold(), []).append(use)
    return tuple(_material_line(tp, uses) for uses in merged.values())


def material_uses(modules: Iterable[Module]) -> list[Use]:
    """Return every material named by the modules and their activities, in order."""
    uses: list[Use] = []
    for module in modules:
        uses.extend(Use(m, module, None) for m in module.materials)
        for activity in module.activities:
            uses.extend(Use(m, module, activity) for m in activity.materials)
    return uses


def material_count(material: Material, participants: int | None,
                   group_size: int | None) -> int | None:
    """Return how many of one material to bring, or None when it cannot be known."""
    if material.per == "session":
        return material.count
    if participants is None:
        return None
    if material.per == "participant":
        return material.count * participants
    if group_size is None or group_size < 1:
        return None
    return material.count * math.ceil(participants / group_size)


def material_rule(material: Material, long: bool = False, lang: str = SOURCE) -> str:
    """Return the count as written, ``2 per group`` (``2``, or ``2 for the session`` if long)."""
    _ = words(lang)
    if material.per in PER:
        return _(PER[material.per], count=material.count)
    if material.per != "session":
        return f"{material.count} per {material.per}"
    return _("{count} for the session", count=material.count) if long else str(material.count)


def room_checklist(tp: TailoredPack) -> tuple[str, ...]:
    """Return the room and access checks: the pack's arrangements plus what the plan implies."""
    parts = (_room_items, _access_items, _break_items, _easy_read_items)
    return tuple(dict.fromkeys(item for part in parts for item in part(tp)))


def module_guides(tp: TailoredPack) -> tuple[ModuleGuide, ...]:
    """Return the per-module sections of the guide with the deck's slide numbers."""
    groups = slides_by_module(tp)
    return tuple(_module_guide(tp, m, groups[m.id]) for m in tp.modules)


def shows_code(tp: TailoredPack) -> bool:
    """Return True when a module of the pack holds code (on a slide, in its notes or their
    footnotes): only then does the guide need the theme's code font."""
    return any(has_code(s.blocks + s.notes) for m in tp.modules for s in m.slides)


def slide_entry(planned: PlannedSlide, lang: str = SOURCE) -> SlideEntry:
    """Return the guide's view of one planned slide."""
    slide, row = planned.slide, planned.row
    title = planned.title
    if not title and planned.module is not None:
        title = untitled_name(planned.module, planned.number, lang)
    if row is not None:
        return SlideEntry(planned.number, title, planned.kind, row.notes, row.sentences)
    if planned.entry is not None:
        entry = planned.entry
        _ = words(lang)
        said = _("{n} minutes. Back at {time}.", n=entry.minutes,
                 time=clock(entry.start + entry.minutes))
        return SlideEntry(planned.number, title, planned.kind,
                          (Paragraph((Span(said),), Loc("")),))
    if slide is None:
        return SlideEntry(planned.number, title, planned.kind)
    return SlideEntry(planned.number, title, planned.kind, slide.notes, (), slide.activity)


def _plan_row(tp: TailoredPack, entry: TimetableEntry, module: Module | None,
              ranges: dict[str, tuple[int, int]]) -> PlanRow:
    end = clock(entry.start + entry.minutes)
    if module is None:
        shown = [s.number for s in tp.slides if s.entry == entry]
        return PlanRow(clock(entry.start), end, entry.minutes, entry.title, entry.kind,
                       number_range(shown[0], shown[-1]) if shown else "")
    first, last = ranges.get(module.id, (0, 0))
    slides = number_range(first, last) if first else ""
    _ = words(tp.language)
    activities = tuple(_("{title} ({n} min)", title=a.title, n=a.minutes)
                       for a in module.activities)
    needs = tuple(_short_material(tp, u) for u in material_uses([module]))
    return PlanRow(clock(entry.start), end, entry.minutes, entry.title, entry.kind, slides,
                   activities, needs)


def _short_material(tp: TailoredPack, use: Use) -> str:
    count = _use_count(tp, use)
    return f"{count} × {use.material.name}" if count is not None else \
        f"{use.material.name} ({material_rule(use.material, lang=tp.language)})"


def _use_count(tp: TailoredPack, use: Use) -> int | None:
    size = use.activity.group_size if use.activity is not None else None
    return material_count(use.material, tp.pack.participants, size)


def _material_line(tp: TailoredPack, uses: list[Use]) -> MaterialLine:
    counts = [_use_count(tp, u) for u in uses]
    total = None if None in counts else sum(c for c in counts if c is not None)
    session = all(u.material.per == "session" for u in uses)
    rules = () if session else tuple(dict.fromkeys(material_rule(u.material, True, tp.language)
                                                   for u in uses))
    places = tuple(dict.fromkeys(
        f"{u.module.title}: {u.activity.title}" if u.activity else u.module.title for u in uses))
    return MaterialLine(uses[0].material.name, total, ", ".join(rules), places)


def _module_guide(tp: TailoredPack, module: Module,
                  planned: list[PlannedSlide]) -> ModuleGuide:
    entry = tp.timetable.entry_for(module.id)
    own = max((i for i, p in enumerate(planned) if p.module is not None), default=-1) + 1
    slides = tuple(slide_entry(p, tp.language) for p in planned[:own])
    shown = {id(s.activity) for s in slides if s.activity is not None}
    extra = tuple(a for a in module.activities if id(a) not in shown)
    return ModuleGuide(module, clock(entry.start), clock(entry.start + entry.minutes),
                       entry.minutes, slides, extra,
                       tuple(slide_entry(p, tp.language) for p in planned[own:]))


def _room_items(tp: TailoredPack) -> list[str]:
    pack, _ = tp.pack, words(tp.language)
    items = [_("Screen, projector and the deck ({name}, {n} slides) tested before the start.",
               name=output_name(pack.id, "deck", "pptx", tp.file_language), n=len(tp.slides))]
    if pack.participants:
        items.append(_("Seats for {participants} participants and {n} facilitators.",
                       participants=pack.participants, n=len(pack.facilitators)))
    for activity in (a for m in tp.modules for a in m.activities if a.group):
        items.append(_("Tables arranged for {group} ({title}).", group=activity.group,
                       title=activity.title))
    return items


def _access_items(tp: TailoredPack) -> list[str]:
    items: list[str] = []
    _ = words(tp.language)
    for arrangement in tp.pack.access:
        items.append(arrangement if arrangement.endswith(".") else f"{arrangement}.")
        low = arrangement.casefold()
        items.extend(_(advice) for found, advice in ACCESS_ADVICE if any(w in low for w in found))
    return items


def _break_items(tp: TailoredPack) -> list[str]:
    _ = words(tp.language)
    return [_("Refreshments ready for {title} at {time} ({n} min).", title=e.title.lower(),
              time=clock(e.start), n=e.minutes)
            for e in tp.timetable.entries if e.kind == "break"]


def _easy_read_items(tp: TailoredPack) -> list[str]:
    if tp.pack.deck_style != "easy-read" and not any(m.easy_read for m in tp.modules):
        return []
    name, _ = output_name(tp.pack.id, "handout", "pdf", tp.file_language), words(tp.language)
    count = _("{n} copies", n=tp.pack.participants) if tp.pack.participants \
        else _("one per participant")
    return [_("Easy-read handout printed: {count} ({name}), plus spares.", count=count,
              name=name)]


def also_in(tp: TailoredPack, others: tuple[str, ...] = ()) -> tuple[Statement, ...]:
    """Return what the guide's front page says about its other language versions (``others``,
    tags) and, in Welsh nobody has checked, that it awaits a check: nothing for a checked pack
    in one language."""
    return languages.also_in(tp.language, others) + languages.unchecked(tp)


def document_title(tp: TailoredPack) -> str:
    """Return the guide's document title."""
    _ = words(tp.language)
    return _("{title}: facilitator guide", title=tp.pack.title)


def audience_name(tp: TailoredPack, audience_id: str) -> str:
    """Return an audience's display name, or its id when the project names none."""
    known = tp.project.audiences.get(audience_id)
    return known.name if known else audience_id


def tips_for(tips: tuple[Tip, ...], audience: str) -> tuple[Tip, ...]:
    """Return the tips meant for ``audience`` (or for everyone)."""
    return tuple(t for t in tips if t.audience in ("", audience))


def date_long(tp: TailoredPack) -> str:
    """Return the pack's date in full, ``Tuesday 3 March 2026``."""
    return date_in_full(tp.pack.date, tp.language)
