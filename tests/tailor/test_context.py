"""Tests for the variables content may use: pack fields, friendly forms and the model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from packgen.load.project_data import DEFAULT_SPACES
from packgen.model import Audience, Config, Loc, Pack, Project, Space, Theme
from packgen.tailor.context import content_context, model_namespace
from packgen.templating import render_text
from packgen.wording import date_long, join_names


def project(**fields: object) -> Project:
    """Return a project holding one pack 'p' for staff, 10:00 for 90 minutes."""
    pack = Pack("p", "Talking coproduction", "staff", "Glanrhyd Council", dt.date(2026, 3, 3),
                600, 90, "Room 2", ("Aled", "Priya", "Sam"), ("m",),
                Loc("content/packs/p.yaml", 1), **fields)
    return Project(Path("."), {}, {"p": pack}, {"staff": Audience("staff", "Public-service staff")},
                   DEFAULT_SPACES, (), Theme({}, {}), Config())


def context(**fields: object):
    """Return the content context of pack 'p'."""
    proj = project(**fields)
    return content_context(proj, proj.packs["p"])


def test_context_has_the_pack_fields_in_readable_form() -> None:
    ctx = context()
    assert (ctx["title"], ctx["organisation"], ctx["venue"]) == (
        "Talking coproduction", "Glanrhyd Council", "Room 2")
    assert (str(ctx["date"]), ctx["start"], ctx["slot"]) == ("2026-03-03", "10:00", 90)
    assert str(ctx["facilitators"]) == "Aled, Priya and Sam"


def test_context_has_the_friendly_forms() -> None:
    ctx = context()
    assert ctx["date_long"] == "Tuesday 3 March 2026"
    assert (ctx["start_time"], ctx["start_time_12h"]) == ("10:00", "10am")
    assert (ctx["end_time"], ctx["end_time_12h"]) == ("11:30", "11:30am")
    assert ctx["facilitator_names"] == "Aled, Priya and Sam"
    assert ctx["audience_name"] == "Public-service staff"


def test_pack_variables_are_in_the_context_but_never_replace_a_builtin() -> None:
    ctx = context(variables={"lunch_venue": "Canteen", "title": "sneaky"})
    assert ctx["lunch_venue"] == "Canteen" and ctx["title"] == "Talking coproduction"


def test_model_gives_each_space_by_dotted_name() -> None:
    model = context()["model"]
    assert str(model.shared_space) == "Shared space"
    assert str(model.spaces) == "My space, Your space and Shared space"
    assert model.your_space.holder.startswith("Someone else")
    with pytest.raises(AttributeError):
        model.fourth_space  # noqa: B018


def test_space_ids_with_hyphens_read_with_underscores() -> None:
    model = model_namespace((Space("four-a", "Fourth space", "?", "", "#123456"),))
    assert model.four_a.name == "Fourth space"


def test_content_renders_the_context_through_dotted_names() -> None:
    text = "{{ model.my_space }} at {{ venue }}, {{ start_time_12h }} on {{ date_long }}"
    assert render_text(text, context(), "m.md", 1) == (
        "My space at Room 2, 10am on Tuesday 3 March 2026")


@pytest.mark.parametrize(("names", "joined"), [
    ((), ""), (("A",), "A"), (("A", "B"), "A and B"), (("A", "B", "C"), "A, B and C")])
def test_names_are_joined_with_and(names: tuple[str, ...], joined: str) -> None:
    assert join_names(names) == joined


def test_long_date_is_english_whatever_the_locale() -> None:
    assert date_long(dt.date(2026, 12, 25)) == "Friday 25 December 2026"
