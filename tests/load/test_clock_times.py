"""Clock times are judged by what the pack file says, not by the number YAML makes of it."""

from __future__ import annotations

import pytest
from where import FIXTURES

from packgen.errors import Diagnostic, PackgenError
from packgen.load.packs import validate_pack
from packgen.load.yamldoc import parse_yaml
from packgen.model import Pack

WHERE = "content/packs/p.yaml"
GOOD = """\
title: T
audience: staff
organisation: Org
date: 2026-03-03
start: "10:00"
slot: 90
venue: Room
facilitators: [A]
modules: [welcome, power]
"""
FIXED = GOOD.replace('start: "10:00"', "start: {}")


def check(text: str, notes: list[Diagnostic] | None = None) -> Pack:
    """Return the pack in ``text``, checked against the fixture project's ids."""
    return validate_pack(parse_yaml(text, WHERE), "p", FIXTURES / "project",
                         ("welcome", "power"), ("staff",), notes)


def problems(text: str) -> list[str]:
    """Return the lines of the one error a broken pack gives."""
    with pytest.raises(PackgenError) as caught:
        check(text)
    return [str(d) for d in caught.value.diagnostics]


def notes_of(text: str) -> list[str]:
    """Return the findings that are not errors, for a pack that loads."""
    notes: list[Diagnostic] = []
    check(text, notes)
    return [str(d) for d in notes]


@pytest.mark.parametrize(("written", "minutes"), [('"10:00"', 600), ('"9:30"', 570),
                                                  ("'13:30'", 810), ('"0:00"', 0)])
def test_a_quoted_clock_time_is_the_form_and_loads_silently(written: str, minutes: int) -> None:
    text = FIXED.format(written)
    assert check(text).start == minutes
    assert notes_of(text) == []


def test_an_unquoted_clock_time_loads_with_a_line_saying_to_quote_it() -> None:
    text = FIXED.format("13:30")
    assert check(text).start == 810
    assert notes_of(text) == [
        (f'{WHERE}:5: info: quote the clock time: write start: "13:30" (unquoted, YAML reads '
        "13:30 as a number, which packgen reads back as the time) [PG121]")]


@pytest.mark.parametrize(("written", "found", "fix"), [
    ("1330", "1330 (not written HH:MM)", ': write start: "13:30"'),
    ("600", "600 (not written HH:MM)", ': write start: "06:00"'),
    ("13.30", "13.30 (not written HH:MM)", ': write start: "13:30"'),
    ('"13.30"', "13.30 (not written HH:MM)", ': write start: "13:30"'),
    ('"1.30pm"', "1.30pm (not written HH:MM)", ""),
    ('"25:00"', "25:00 (the hour must be 0 to 23)", ""),
    ('"10:75"', "10:75 (the minutes must be 00 to 59)", ""),
    ("25:00", "25:00 (the hour must be 0 to 23)", ""),
])
def test_any_other_clock_time_is_an_error_that_shows_the_fix(written: str, found: str,
                                                             fix: str) -> None:
    assert problems(FIXED.format(written)) == [
        (f"{WHERE}:5: error: 'start' must be a clock time such as \"13:30\", in quotes; found "
        f"{found}{fix} [PG120]")]


def test_a_break_at_is_judged_the_same_way() -> None:
    text = GOOD + "breaks:\n  - {at: 1130, minutes: 10}\n"
    assert problems(text) == [
        (f"{WHERE}:11: error: 'breaks[0].at' must be a clock time such as \"13:30\", in quotes; "
        'found 1130 (not written HH:MM): write at: "11:30" [PG120]')]
