"""Dates, clock times, lengths and name lists read right in English and in Welsh."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.dates import format_date, format_time

from packgen.wording import (
    clock,
    clock_12h,
    clock_easy_read,
    date_long,
    join_names,
    length_said,
    minutes_said,
)

WELSH_DATES = {
    dt.date(2026, 3, 3): "Dydd Mawrth, 3 Mawrth 2026",
    dt.date(2027, 2, 4): "Dydd Iau, 4 Chwefror 2027",
    dt.date(2026, 6, 7): "Dydd Sul, 7 Mehefin 2026",
    dt.date(2026, 12, 25): "Dydd Gwener, 25 Rhagfyr 2026",
    dt.date(2026, 5, 16): "Dydd Sadwrn, 16 Mai 2026",
}
"""The documented Welsh form: the weekday with "Dydd", a comma, day, month and year."""


@pytest.mark.parametrize(("day", "said"), WELSH_DATES.items())
def test_a_welsh_date_in_full_is_the_documented_form(day: dt.date, said: str) -> None:
    assert date_long(day, "cy-GB") == said
    assert format_date(day, "full", locale="cy") == said  # CLDR agrees: nothing to correct


def test_an_english_date_has_no_comma_after_the_weekday() -> None:
    assert date_long(dt.date(2026, 3, 3)) == "Tuesday 3 March 2026"
    assert date_long(dt.date(2026, 3, 3), "en-GB") == "Tuesday 3 March 2026"


def test_a_date_in_a_language_packgen_has_no_words_for_stays_english() -> None:
    assert date_long(dt.date(2026, 3, 3), "fr-FR") == "Tuesday 3 March 2026"


@pytest.mark.parametrize(("minutes", "english", "welsh"), [
    (10 * 60 + 30, "10:30am", "10:30yb"),
    (10 * 60, "10am", "10yb"),
    (14 * 60 + 30, "2:30pm", "2:30yh"),
    (12 * 60, "12 noon", "12 hanner dydd"),
    (0, "12 midnight", "12 hanner nos"),
    (12 * 60 + 15, "12:15pm", "12:15yh"),
    (10 * 60 + 38, "10:40am", "10:40yb"),
])
def test_easy_read_times_are_yb_and_yh_in_welsh(minutes: int, english: str, welsh: str) -> None:
    assert clock_easy_read(minutes) == english
    assert clock_easy_read(minutes, "cy-GB") == welsh


def test_babel_writes_am_and_pm_in_welsh_where_the_handout_writes_yb_and_yh() -> None:
    assert format_time(dt.time(13, 15), "h:mm a", locale="cy") == "1:15 PM"  # why not CLDR
    assert clock_12h(13 * 60 + 15, "cy-GB") == "1:15yh"
    assert clock_12h(9 * 60, "cy-GB") == "9yb"
    assert clock_12h(13 * 60 + 15) == "1:15pm"


def test_the_24_hour_clock_is_the_same_in_both() -> None:
    assert clock(10 * 60 + 5) == "10:05"


@pytest.mark.parametrize(("count", "english", "welsh"), [
    (1, "1 minute", "1 munud"), (15, "15 minutes", "15 munud"), (60, "1 hour", "1 awr"),
    (205, "3 hours 25 minutes", "3 awr 25 munud"), (120, "2 hours", "2 awr"),
])
def test_lengths_of_time_are_said_in_each_language(count: int, english: str, welsh: str) -> None:
    assert length_said(count) == english
    assert length_said(count, "cy-GB") == welsh
    if count < 60:
        assert minutes_said(count, "cy-GB") == welsh


@pytest.mark.parametrize(("names", "english", "welsh"), [
    (["Nia"], "Nia", "Nia"),
    (["Nia", "Gareth"], "Nia and Gareth", "Nia a Gareth"),
    (["Nia", "Elin"], "Nia and Elin", "Nia ac Elin"),
    (["Nia", "Gareth", "Owain"], "Nia, Gareth and Owain", "Nia, Gareth ac Owain"),
    ([], "", ""),
])
def test_name_lists_join_with_a_or_ac_in_welsh(names: list[str], english: str,
                                                welsh: str) -> None:
    assert join_names(names) == english
    assert join_names(names, "cy-GB") == welsh
