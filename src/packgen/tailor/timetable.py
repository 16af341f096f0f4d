"""The session plan: clock times of modules and breaks, and how they fit the pack's slot."""

from __future__ import annotations

from collections.abc import Sequence

from packgen import errors
from packgen.errors import Diagnostic
from packgen.model import Break, Module, Pack, Timetable, TimetableEntry
from packgen.wording import DAY, clock

SPARE_SHARE = 0.15
"""More than this share of the slot left spare is reported (info)."""

PAST_MIDNIGHT = "PG304"

def timetable(pack: Pack, modules: Sequence[Module]) -> tuple[Timetable, list[Diagnostic]]:
    """Return the pack's timetable from its start, and findings about breaks and the slot.

    Modules run in order from ``pack.start``. A break ``after`` a module follows it; a break
    ``at`` a clock time starts then, unless that falls inside a module: then it follows that
    module (warning PG302). Running over the slot is a warning (PG301); more than 15 % of the
    slot spare is info (PG303). A plan that ends after midnight is a warning (PG304).
    """
    plan = _Planner(pack)
    for module in modules:
        plan.add_module(module)
    plan.flush_fixed()
    table = Timetable(tuple(plan.entries), pack.start, pack.slot)
    return table, plan.findings + _fit(pack, table) + _midnight(pack, table)


class _Planner:
    """Lay parts end to end, slotting in the pack's breaks."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.now = pack.start
        self.entries: list[TimetableEntry] = []
        self.findings: list[Diagnostic] = []
        self.fixed = sorted((b for b in pack.breaks if b.at is not None), key=_at)

    def add_module(self, module: Module) -> None:
        self._fixed_due("a break")
        self._append("module", module.title, module.duration, module.id)
        self._fixed_due(f"module '{module.title}'")
        for brk in self.pack.breaks:
            if brk.after == module.id:
                self._append("break", brk.title, brk.minutes)

    def flush_fixed(self) -> None:
        while self.fixed:
            brk = self.fixed.pop(0)
            self.now = max(self.now, _at(brk))
            self._append("break", brk.title, brk.minutes)

    def _fixed_due(self, inside: str) -> None:
        while self.fixed and _at(self.fixed[0]) <= self.now:
            brk = self.fixed.pop(0)
            if _at(brk) < self.pack.start:
                self._moved(brk, "before the session starts")
            elif _at(brk) < self.now:
                self._moved(brk, f"inside {inside}")
            self._append("break", brk.title, brk.minutes)

    def _moved(self, brk: Break, where: str) -> None:
        self.findings.append(errors.warning(
            f"the break at {clock(_at(brk))} falls {where}: "
            f"placed at {clock(self.now)} instead", brk.loc.path, brk.loc.line, "PG302"))

    def _append(self, kind: str, title: str, minutes: int, module_id: str | None = None) -> None:
        self.entries.append(TimetableEntry(kind, title, self.now, minutes, module_id))
        self.now += minutes


def _at(brk: Break) -> int:
    return brk.at if brk.at is not None else 0


def _midnight(pack: Pack, table: Timetable) -> list[Diagnostic]:
    """Return PG304 when the modules and breaks run past midnight into the next day."""
    if table.end <= DAY:
        return []
    return [errors.warning(
        f"the session runs past midnight: it starts at {clock(pack.start)} and ends at "
        f"{clock(table.end)} the next day; check 'start'", pack.loc.path,
        pack.lines.get("start", pack.loc.line), PAST_MIDNIGHT)]


def _fit(pack: Pack, table: Timetable) -> list[Diagnostic]:
    line = pack.lines.get("slot", pack.loc.line)
    over = table.total - pack.slot
    if over > 0:
        return [errors.warning(
            f"the plan runs {over} minutes over the {pack.slot}-minute slot (it ends at "
            f"{clock(table.end)}, the slot ends at {clock(pack.start + pack.slot)})",
            pack.loc.path, line, "PG301")]
    if -over > SPARE_SHARE * pack.slot:
        return [errors.info(
            f"{-over} minutes of the {pack.slot}-minute slot are spare (the plan ends at "
            f"{clock(table.end)})", pack.loc.path, line, "PG303")]
    return []
