"""Tests for the timetable: computed times, breaks, and fitting the slot."""

from __future__ import annotations

import datetime as dt

import pytest

from packgen.model import Break, Loc, Module, Pack
from packgen.tailor.timetable import timetable
from packgen.wording import clock, clock_12h, read_clock

PACK_FILE = "content/packs/p.yaml"


def module(module_id: str, minutes: int) -> Module:
    """Return an empty module of ``minutes``."""
    return Module(module_id, module_id.title(), minutes, (), Loc(f"content/modules/{module_id}.md", 1))


def pack(slot: int = 90, start: int = 600, breaks: tuple[Break, ...] = ()) -> Pack:
    """Return a pack of modules a, b, c starting at ``start``."""
    return Pack("p", "T", "staff", "Org", dt.date(2026, 3, 3), start, slot, "Venue", ("A",),
                ("a", "b", "c"), Loc(PACK_FILE, 1), breaks=breaks, lines={"slot": 6})


MODULES = (module("a", 20), module("b", 30), module("c", 25))


def starts(table) -> list[tuple[str, str, int]]:
    """Return (title, clock, minutes) of every entry."""
    return [(e.title, clock(e.start), e.minutes) for e in table.entries]


def test_modules_run_end_to_end_from_the_start_time() -> None:
    table, _ = timetable(pack(slot=75), MODULES)
    assert starts(table) == [("A", "10:00", 20), ("B", "10:20", 30), ("C", "10:50", 25)]
    assert table.end == 675
    assert table.entry_for("b").start == 620


def test_computed_times_include_a_break_after_a_module() -> None:
    brk = Break(10, Loc(PACK_FILE, 12), after="a", title="Coffee")
    table, findings = timetable(pack(slot=85, breaks=(brk,)), MODULES)
    assert starts(table) == [("A", "10:00", 20), ("Coffee", "10:20", 10), ("B", "10:30", 30),
                             ("C", "11:00", 25)]
    assert findings == []


def test_fixed_time_break_between_modules_starts_at_its_time() -> None:
    brk = Break(15, Loc(PACK_FILE, 12), at=650, title="Tea break")
    table, findings = timetable(pack(breaks=(brk,)), MODULES)
    assert ("Tea break", "10:50", 15) in starts(table)
    assert starts(table)[-1] == ("C", "11:05", 25)
    assert [d.code for d in findings] == []


def test_fixed_time_break_inside_a_module_moves_to_its_end_with_a_warning() -> None:
    brk = Break(15, Loc(PACK_FILE, 12), at=630, title="Tea break")
    table, findings = timetable(pack(breaks=(brk,)), MODULES)
    assert starts(table) == [("A", "10:00", 20), ("B", "10:20", 30), ("Tea break", "10:50", 15),
                             ("C", "11:05", 25)]
    assert [str(d) for d in findings] == [
        ("content/packs/p.yaml:12: warning: the break at 10:30 falls inside module 'B': "
        "placed at 10:50 instead [PG302]")]


def test_fixed_break_before_the_start_is_moved_with_a_warning() -> None:
    brk = Break(10, Loc(PACK_FILE, 12), at=540)
    table, findings = timetable(pack(breaks=(brk,)), MODULES)
    assert starts(table)[0] == ("Break", "10:00", 10)
    assert "before the session starts" in findings[0].message


def test_fixed_break_after_the_last_module_keeps_its_time() -> None:
    brk = Break(10, Loc(PACK_FILE, 12), at=700)
    table, _ = timetable(pack(slot=120, breaks=(brk,)), MODULES)
    assert starts(table)[-1] == ("Break", "11:40", 10)


def test_overrun_is_a_warning_with_the_minutes_over() -> None:
    _, findings = timetable(pack(slot=60), MODULES)
    assert [str(d) for d in findings] == [
        ("content/packs/p.yaml:6: warning: the plan runs 15 minutes over the 60-minute slot "
        "(it ends at 11:15, the slot ends at 11:00) [PG301]")]


def test_underrun_beyond_fifteen_percent_is_info_with_the_spare_minutes() -> None:
    _, findings = timetable(pack(slot=100), MODULES)
    assert [str(d) for d in findings] == [
        ("content/packs/p.yaml:6: info: 25 minutes of the 100-minute slot are spare "
        "(the plan ends at 11:15) [PG303]")]


def test_a_little_spare_time_is_not_reported() -> None:
    _, findings = timetable(pack(slot=85), MODULES)
    assert findings == []


@pytest.mark.parametrize(("minutes", "plain", "twelve"), [
    (600, "10:00", "10am"), (630, "10:30", "10:30am"), (720, "12:00", "12pm"),
    (795, "13:15", "1:15pm"), (0, "00:00", "12am"), (545, "09:05", "9:05am"),
])
def test_clock_formats(minutes: int, plain: str, twelve: str) -> None:
    assert clock(minutes) == plain
    assert clock_12h(minutes) == twelve


@pytest.mark.parametrize(("text", "minutes"), [
    ("10:00", 600), ("9:30", 570), ("09:30", 570), ("23:59", 1439), ("0:00", 0),
    ("24:00", None), ("10:60", None), ("ten", None), ("600", None), ("13.30", None),
])
def test_read_clock_accepts_only_hours_and_minutes(text: str, minutes: int | None) -> None:
    assert read_clock(text)[0] == minutes


def test_a_session_that_runs_past_midnight_is_a_warning() -> None:
    _, found = timetable(pack(start=23 * 60, slot=90), MODULES)
    assert [str(d) for d in found if d.code == "PG304"] == [
        (f"{PACK_FILE}:1: warning: the session runs past midnight: it starts at 23:00 and ends "
        "at 00:15 the next day; check 'start' [PG304]")]


def test_a_session_that_ends_at_midnight_is_fine() -> None:
    _, found = timetable(pack(start=24 * 60 - 75, slot=75), MODULES)
    assert [d for d in found if d.code == "PG304"] == []
