"""Tests for pack validation: every key, every problem at once, each at its line."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from where import FIXTURES

from packgen.errors import PackgenError
from packgen.load.packs import FIELDS, REQUIRED, load_pack, validate_pack
from packgen.load.yamldoc import parse_yaml
from packgen.model import Image
from packgen.safety import MAX_VARIABLE_CHARS

FIXTURE = FIXTURES / "project"
MODULES = ("welcome", "power", "spaces")
AUDIENCES = ("staff", "mixed", "self-advocates")
WHERE = "content/packs/p.yaml"

GOOD = """\
title: Talking coproduction
audience: staff
organisation: Glanrhyd Council
date: 2026-03-03
start: "10:00"
slot: 90
venue: Room 2
facilitators: [Aled Morgan, Priya Shah]
modules: [welcome, power]
"""


def check(text: str, root: Path = FIXTURE):
    """Return the pack in ``text``, validated against the fixture's modules and audiences."""
    return validate_pack(parse_yaml(text, WHERE), "p", root, MODULES, AUDIENCES)


def problems(text: str) -> list[str]:
    """Return the diagnostic lines a broken pack gives."""
    with pytest.raises(PackgenError) as exc:
        check(text)
    return [str(d) for d in exc.value.diagnostics]


def test_minimal_pack_loads_with_defaults() -> None:
    pack = check(GOOD)
    assert (pack.id, pack.title, pack.start, pack.slot) == ("p", "Talking coproduction", 600, 90)
    assert pack.date == dt.date(2026, 3, 3)
    assert pack.facilitators == ("Aled Morgan", "Priya Shah")
    assert (pack.template, pack.language, pack.deck_style) == ("deck.pptx", "en-GB", "standard")
    assert pack.lines["slot"] == 6 and pack.lines["modules[1]"] == 9


def test_every_documented_key_is_accepted() -> None:
    pack = load_pack(FIXTURE, FIXTURE / "content/packs/self-advocates.yaml", MODULES, AUDIENCES)
    assert pack.deck_style == "easy-read"
    assert pack.cover == Image("content/images/cover.png", "Two circles overlapping",
                               pack.cover.loc)
    assert pack.breaks[0].at == 14 * 60 + 5 and pack.breaks[0].title == "Tea break"
    assert pack.contact["phone"] == "01234 567890"
    assert pack.checked_by and pack.access and pack.participants == 10
    assert set(FIELDS) == set(REQUIRED) | {
        "variables", "template", "language", "deck_style", "participants", "breaks", "access",
        "contact", "cover", "checked_by", "languages", "checked_by_cy"}


def test_unquoted_start_time_and_quoted_date_are_accepted() -> None:
    pack = check(GOOD.replace('"10:00"', "10:30").replace("2026-03-03", '"2026-03-04"'))
    assert pack.start == 630 and pack.date == dt.date(2026, 3, 4)


def test_unknown_key_is_an_error_at_its_line_with_the_expected_keys() -> None:
    found = problems(GOOD + "titel: Oops\n")
    assert len(found) == 1
    assert found[0].startswith(f"{WHERE}:10: error: unknown key 'titel'; did you mean 'title'? "
                               "(expected one of: access, audience, breaks,")


def test_unknown_module_is_an_error_at_its_list_item_listing_known_ids() -> None:
    found = problems(GOOD.replace("modules: [welcome, power]",
                                  "modules:\n  - welcome\n  - powr\n"))
    assert found == [(f"{WHERE}:11: error: unknown module 'powr'; did you mean 'power'? (known "
                     "modules: power, spaces, welcome) [PG111]")]


def test_unknown_audience_is_an_error() -> None:
    found = problems(GOOD.replace("audience: staff", "audience: councillors"))
    assert found == [(f"{WHERE}:2: error: unknown audience 'councillors' (expected one of: mixed, "
                     "self-advocates, staff) [PG112]")]


def test_any_audience_is_accepted_without_audiences_yaml() -> None:
    doc = parse_yaml(GOOD.replace("audience: staff", "audience: councillors"), WHERE)
    assert validate_pack(doc, "p", FIXTURE, MODULES, ()).audience == "councillors"


def test_missing_required_keys_are_all_reported() -> None:
    found = problems("title: Only a title\n")
    assert f"{WHERE}:1: error: missing required key 'slot' [PG011]" in found
    assert len(found) == len(REQUIRED) - 1


def test_every_problem_in_a_pack_is_reported_together() -> None:
    text = (GOOD.replace("slot: 90", "slot: ninety").replace('"10:00"', '"25:00"')
            .replace("date: 2026-03-03", "date: 3 March"))
    found = problems(text + "deck_style: fancy\nparticipants: 0\n")
    assert [line.split(": error")[0] for line in found] == [
        f"{WHERE}:4", f"{WHERE}:5", f"{WHERE}:6", f"{WHERE}:10", f"{WHERE}:11"]
    assert "'deck_style' must be one of: standard, easy-read; found 'fancy'" in found[3]


def test_yes_is_not_accepted_as_text() -> None:
    assert problems(GOOD.replace("venue: Room 2", "venue: yes")) == [
        f"{WHERE}:7: error: 'venue' must be text; found true/false [PG011]"]


def test_breaks_are_validated_item_by_item() -> None:
    found = problems(GOOD + "breaks:\n  - {after: spaces, minutes: 10}\n  - {at: noon, minutes: 0}"
                     "\n  - {after: power, at: '11:00', minutes: 5}\n  - {minutes: 5, lenght: 3}\n")
    assert found[0].startswith(f"{WHERE}:11: error: break after 'spaces': that module is not in "
                               "this pack's modules")
    assert f"{WHERE}:12: error: 'breaks[1].at' must be a clock time such as \"13:30\", in " \
        "quotes; found noon (not written HH:MM) [PG120]" in found
    assert f"{WHERE}:12: error: 'breaks[1].minutes' must be a whole number above 0; found 0 " \
        "[PG011]" in found
    assert f"{WHERE}:13: error: a break needs either 'after' (a module id) or 'at' (a clock " \
        "time) [PG011]" in found
    assert any(line.startswith(f"{WHERE}:14: error: unknown key 'lenght'") for line in found)


def test_variable_clashing_with_a_pack_field_is_an_error() -> None:
    found = problems(GOOD + "variables:\n  venue: Elsewhere\n  date_long: soon\n  ok_name: 1\n")
    assert found == [
        (f"{WHERE}:11: error: variable 'venue' clashes with the pack field 'venue': rename "
         "it [PG011]"),
        (f"{WHERE}:12: error: variable 'date_long' clashes with the built-in variable "
        "'date_long': rename it [PG011]")]


def test_variables_are_frozen_for_the_immutable_model() -> None:
    pack = check(GOOD + "variables:\n  lunch: {venue: Canteen, times: [12, 13]}\n")
    assert pack.variables["lunch"]["times"] == (12, 13)
    with pytest.raises(TypeError):
        pack.variables["lunch"]["venue"] = "x"  # type: ignore[index]


def test_module_listed_twice_is_an_error() -> None:
    assert problems(GOOD.replace("[welcome, power]", "[welcome, power, welcome]")) == [
        f"{WHERE}:9: error: module 'welcome' is listed twice [PG011]"]


def test_cover_outside_the_project_is_an_error() -> None:
    found = problems(GOOD + "cover: {src: ../../../../etc/passwd, alt: x}\n")
    assert found == [(f"{WHERE}:10: error: '../../../../etc/passwd' leads outside the "
                      "project [PG114]")]


def test_missing_cover_image_is_an_error() -> None:
    assert problems(GOOD + "cover: {src: ../images/none.png, alt: x}\n") == [
        f"{WHERE}:10: error: file not found: '../images/none.png' [PG113]"]


def test_a_pack_that_is_not_a_mapping_is_one_clear_error() -> None:
    assert problems("- title\n- audience\n") == [
        (f"{WHERE}:1: error: a pack is a mapping of keys such as title, audience, organisation; "
        "found a list [PG011]")]
    assert "found an empty file" in problems("")[0]


def test_module_ids_are_not_checked_when_modules_failed_to_load() -> None:
    doc = parse_yaml(GOOD.replace("power", "whatever"), WHERE)
    assert validate_pack(doc, "p", FIXTURE, None, AUDIENCES).modules == ("welcome", "whatever")


def test_template_language_and_contact_are_checked() -> None:
    found = problems(GOOD + "template: deck.key\nlanguage: English\ncontact: {fax: 1}\n")
    assert found == [
        (f"{WHERE}:10: error: 'template' must name a .pptx file in templates/; found "
         "'deck.key' [PG011]"),
        (f"{WHERE}:11: error: 'language' must be a language tag like en-GB; found "
         "'English'; did you mean 'en'? [PG011]"),
        (f"{WHERE}:12: error: unknown key 'fax' (expected one of: address, email, name, phone, "
        "website) [PG025]")]


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5000) | st.text(max_size=12)
    | st.dates().map(str),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from([*FIELDS, "titel"]), YAML_VALUES, max_size=12))
def test_random_pack_data_gives_a_pack_or_a_packgen_error(data: dict[str, object]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    try:
        pack = check(text)
    except PackgenError as exc:
        assert all(d.path == WHERE and d.line for d in exc.diagnostics)
    else:
        assert set(REQUIRED) <= set(data) and pack.id == "p"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_random_text_gives_a_pack_or_a_packgen_error(text: str) -> None:
    with contextlib.suppress(PackgenError):
        check(text)


def test_cover_needs_both_a_picture_and_its_alt_text() -> None:
    assert problems(GOOD + "cover: {src: ../images/cover.png}\n") == [
        f"{WHERE}:10: error: missing required key 'alt' [PG011]"]
    assert problems(GOOD + "cover: {}\n") == [
        f"{WHERE}:10: error: missing required key 'src' [PG011]",
        f"{WHERE}:10: error: missing required key 'alt' [PG011]"]


def test_cover_with_blank_alt_text_loads_for_the_alt_text_rule_to_report() -> None:
    pack = check(GOOD + "cover: {src: ../images/cover.png, alt: ''}\n")
    assert pack.cover is not None and pack.cover.alt == ""


def test_a_variable_over_the_size_limit_is_refused_at_its_line() -> None:
    big = "x" * (MAX_VARIABLE_CHARS + 1)
    found = problems(GOOD + f"variables:\n  ok: fine\n  big: {big}\n")
    expected = (f"{WHERE}:12: error: variable 'big' ({MAX_VARIABLE_CHARS + 1:,} characters) is "
                f"larger than packgen's limit of {MAX_VARIABLE_CHARS:,} characters [PG024]")
    assert found == [expected]


def test_a_nested_variable_counts_all_its_text() -> None:
    half = "x" * (MAX_VARIABLE_CHARS // 2 + 1)
    found = problems(GOOD + f"variables:\n  lunch: {{a: {half}, b: [{half}]}}\n")
    assert len(found) == 1 and "variable 'lunch'" in found[0] and found[0].endswith("[PG024]")


def test_a_variable_at_the_size_limit_is_kept() -> None:
    pack = check(GOOD + f"variables:\n  big: {'x' * MAX_VARIABLE_CHARS}\n")
    assert len(pack.variables["big"]) == MAX_VARIABLE_CHARS
