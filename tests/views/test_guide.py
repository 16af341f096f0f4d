"""What the facilitator guide shows: plan times, slide numbers, materials and checklists."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from guide_sample import make_pack, with_timetable

from packgen.model import Material, TimetableEntry
from packgen.tailor.slideplan import plan
from packgen.views import guide
from packgen.wording import clock


@pytest.fixture()
def tp(tmp_path: Path):
    return make_pack(tmp_path)


def test_session_plan_rows_follow_the_timetable_with_clock_times(tp) -> None:
    rows = guide.session_plan(tp)
    assert [(r.start, r.end, r.minutes, r.kind) for r in rows] == [
        ("10:00", "10:15", 15, "module"),
        ("10:15", "10:45", 30, "module"),
        ("10:45", "10:55", 10, "break"),
        ("10:55", "11:15", 20, "module"),
    ]
    assert rows[2].title == "Tea break" and rows[2].slides == "11"
    assert plan(tp)[10].kind == "break" and plan(tp)[10].title == "Tea break"


def test_plan_slide_ranges_cover_every_deck_slide_in_order(tp) -> None:
    rows = [r for r in guide.session_plan(tp) if r.kind == "module"]
    assert [r.slides for r in rows] == ["1–5", "6–10", "12–16"]
    assert len(plan(tp)) == 16


def test_module_pages_quote_the_slide_plan_numbers(tp) -> None:
    planned = {s.number: s for s in plan(tp)}
    for shown in guide.module_guides(tp):
        for entry in shown.slides:
            assert planned[entry.number].title == entry.title or not planned[entry.number].title
            if planned[entry.number].module is not None:
                assert planned[entry.number].module.id == shown.module.id
    numbers = [e.number for g in guide.module_guides(tp) for e in g.slides + g.closing]
    assert numbers == list(range(1, 17))


def test_untitled_slide_gets_the_off_slide_name(tp) -> None:
    welcome = guide.module_guides(tp)[0]
    assert welcome.slides[4].title == "Welcome, slide 5"


def test_activity_slide_carries_its_activity(tp) -> None:
    power = guide.module_guides(tp)[1]
    activity_slide = power.slides[-1]
    assert activity_slide.number == 10 and activity_slide.activity is not None
    assert activity_slide.activity.title == "Map your meetings"
    assert power.extra_activities == ()


def test_plan_row_lists_activities_and_counted_materials(tp) -> None:
    power = guide.session_plan(tp)[1]
    assert power.activities == ("Map your meetings (20 min)",)
    assert power.materials == ("4 × Flipchart paper", "16 × Sticky notes", "8 × Marker pens")


def test_materials_roll_up_counts_per_participant_group_and_session(tp) -> None:
    items = {m.name: m for m in guide.materials_checklist(tp)}
    assert {n: m.total for n, m in items.items()} == {
        "Name badges": 16, "Flipchart": 1, "Flipchart paper": 6, "Sticky notes": 16,
        "Marker pens": 24,
    }
    assert items["Flipchart paper"].used_in == ("Power and control: Map your meetings",
                                                "My space: Draw your space")
    assert items["Marker pens"].rule == "2 per group, 1 per participant"
    assert items["Flipchart"].rule == ""
    assert items["Flipchart paper"].rule == "1 per group, 2 for the session"


def test_group_counts_round_up_to_whole_groups() -> None:
    assert guide.material_count(Material("Pens", 2, "group"), 18, 4) == 10
    assert guide.material_count(Material("Pens", 2, "group"), 16, 4) == 8


def test_counts_needing_participants_are_unknown_without_them(tmp_path: Path) -> None:
    items = {m.name: m for m in guide.materials_checklist(
        make_pack(tmp_path, participants=None))}
    assert items["Name badges"].total is None
    assert items["Name badges"].rule == "1 per participant"
    assert items["Flipchart"].total == 1


def test_materials_with_the_same_name_merge_whatever_their_case(tp) -> None:
    welcome = replace(tp.modules[0], materials=(Material("Flipchart"), Material("flipchart", 2)))
    items = guide.materials_checklist(replace(tp, modules=(welcome, *tp.modules[1:])))
    flipcharts = [m for m in items if m.name.casefold() == "flipchart"]
    assert len(flipcharts) == 1 and flipcharts[0].total == 3


def test_room_checklist_adds_checks_the_plan_and_access_imply(tp) -> None:
    items = guide.room_checklist(tp)
    text = "\n".join(items)
    assert "Hearing loop." in items
    assert "Test the hearing loop" in text
    assert "interpreters a week before" in text
    assert "Refreshments ready for tea break at 10:45 (10 min)." in items
    assert "Easy-read handout printed: 16 copies (staff-day-easy-read.pdf)" in text
    assert "Seats for 16 participants and 2 facilitators." in items
    assert "Tables arranged for groups of 3 or 4 (Map your meetings)." in items


def test_no_easy_read_copies_when_nothing_is_easy_read(tp) -> None:
    mods = tuple(replace(m, easy_read=()) for m in tp.modules)
    text = "\n".join(guide.room_checklist(replace(tp, modules=mods)))
    assert "Easy-read handout" not in text


def test_timing_summary_says_spare_or_over(tp) -> None:
    assert guide.timing_summary(tp).endswith("15 minutes spare.")
    long = with_timetable(tp, tp.timetable.entries + (
        TimetableEntry("module", "Extra", 675, 30, None),))
    assert guide.timing_summary(long).endswith("15 minutes over.")


def test_fixed_time_break_shows_at_its_clock_time(tp) -> None:
    entries = (
        TimetableEntry("module", "Welcome", 600, 15, "welcome"),
        TimetableEntry("module", "Power and control", 615, 30, "power"),
        TimetableEntry("module", "My space", 645, 20, "my-space"),
        TimetableEntry("break", "Lunch", 665, 15),
    )
    rows = guide.session_plan(with_timetable(tp, entries))
    assert [(r.start, r.title) for r in rows][-2:] == [("10:45", "My space"), ("11:05", "Lunch")]


def test_easy_read_deck_lists_rows_and_keeps_activities(tmp_path: Path) -> None:
    tp = make_pack(tmp_path, deck_style="easy-read")
    guides = guide.module_guides(tp)
    my_space = guides[2]
    row = next(s for s in my_space.slides if s.kind == "easy-read")
    assert row.sentences and row.notes
    assert [a.title for a in my_space.extra_activities] == ["Draw your space"]
    assert [e.number for g in guides for e in g.slides + g.closing] == [
        s.number for s in plan(tp)]


def test_clock_wraps_past_midnight() -> None:
    assert clock(24 * 60 + 5) == "00:05"


def test_closing_slide_comes_after_the_last_modules_own_slides(tmp_path: Path) -> None:
    tp = make_pack(tmp_path, deck_style="easy-read")
    last = guide.module_guides(tp)[-1]
    assert [s.kind for s in last.closing] == ["closing"]
    assert last.slide_range == f"{last.slides[0].number}–{last.closing[-1].number}"
