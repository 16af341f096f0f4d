"""Attribute values packgen reads are checked at their line, never silently ignored."""

from __future__ import annotations

from pathlib import Path

import pytest
from project_support import MODULE, findings, make

from packgen.markdown.pandoc_attrs import width_problem

PICTURE = "![A picture](../images/pic.png){{{}}}"


@pytest.mark.parametrize("good", ["40%", "100%", "8cm", "60mm", "3in", "200pt", "300px", "2.5cm"])
def test_widths_every_output_can_draw_are_accepted(good: str) -> None:
    assert width_problem(good) is None


@pytest.mark.parametrize("bad", ["abc", "-5%", "0%", "150%", "300", "2em", "40 %", ""])
def test_any_other_width_is_a_problem_that_says_what_is_expected(bad: str) -> None:
    assert width_problem(bad) is not None


def module_findings(tmp_path: Path, body: str) -> list[str]:
    return findings(make(tmp_path, {"content/modules/welcome.md": MODULE + f"\n{body}\n"}))


@pytest.mark.parametrize(("attrs", "message"), [
    ("width=abc", ("width must be a percentage such as 40% or a length such as 8cm (units: % cm "
     "mm in pt px); found 'abc'")),
    ("width=-5%", ("width must be a percentage such as 40% or a length such as 8cm (units: % cm "
     "mm in pt px); found '-5%'")),
    ("width=150%", "width must be above 0 and at most 100%; found '150%'"),
    ("height=abc", ("height must be a percentage such as 40% or a length such as 8cm (units: % "
     "cm mm in pt px); found 'abc'")),
])
def test_a_bad_picture_attribute_is_an_error_at_its_line(tmp_path: Path, attrs: str,
                                                         message: str) -> None:
    assert module_findings(tmp_path, PICTURE.format(attrs)) == [
        f"content/modules/welcome.md:10: error: {message} [PG122]"]


def test_a_bad_column_width_is_an_error_at_the_column(tmp_path: Path) -> None:
    body = ":::: columns\n::: {.column width=wide}\nA\n:::\n::: column\nB\n:::\n::::"
    assert module_findings(tmp_path, body) == [
        ("content/modules/welcome.md:11: error: column width must be a percentage such as 40% "
        "or a length such as 8cm (units: % cm mm in pt px); found 'wide' [PG122]")]


@pytest.mark.parametrize(("attrs", "message"), [
    ("minutes=ten", ("activity minutes must be a whole number of minutes above 0, such as "
     "minutes=10; found 'ten'")),
    ("minutes=5 group_size=-2", ("activity group_size must be a whole number of people above 0, "
     "such as group_size=4; found '-2'")),
])
def test_a_bad_activity_number_is_an_error_at_the_activity(tmp_path: Path, attrs: str,
                                                           message: str) -> None:
    body = f'::: {{.activity title="Talk" {attrs}}}\n::: steps\n- Talk\n:::\n:::'
    assert module_findings(tmp_path, body) == [
        f"content/modules/welcome.md:10: error: {message} [PG122]"]
