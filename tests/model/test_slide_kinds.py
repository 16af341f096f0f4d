"""The slide kinds' placeholder contract: roles by placeholder type, and what a layout lacks."""

from __future__ import annotations

import pytest

from packgen.model.slide_kinds import PLACEHOLDERS, can_hold_picture, placeholder_role
from packgen.rules.layouts import Layout, Slot, lacking


def missing_roles(kind: str, types: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Return what a layout with placeholders of these XML types lacks for ``kind``."""
    slots = tuple(Slot(t, placeholder_role(t)) for t in types)
    return lacking(Layout("Any", "", slots), kind)


@pytest.mark.parametrize(("ph_type", "role"), [
    ("title", "title"), ("ctrTitle", "title"), ("body", "body"), ("subTitle", "body"),
    ("obj", "body"), ("pic", "picture"), ("clipArt", "picture"), ("ftr", "footer"),
    ("dt", "date"), ("sldNum", "slide number"), ("tbl", "other"), ("chart", "other"),
    ("hdr", "other"),
])
def test_placeholder_types_fill_one_role(ph_type: str, role: str) -> None:
    assert placeholder_role(ph_type) == role


def test_columns_count_their_bodies() -> None:
    assert missing_roles("columns", ["title", "body", "footer"]) == ("body",)
    assert missing_roles("columns", ["body", "body"]) == ("title",)
    assert missing_roles("columns", ["title", "body", "body"]) == ()


def test_optional_placeholders_are_never_missing() -> None:
    assert missing_roles("title", ["title"]) == ()
    assert missing_roles("picture", ["title"]) == ()
    assert missing_roles("easy-read", ["title", "body"]) == ("picture",)


def test_every_kind_needs_a_title_and_optional_roles_are_known_roles() -> None:
    for kind, contract in PLACEHOLDERS.items():
        assert contract.needs[0] == "title", kind
        assert set(contract.needs + contract.optional) <= {"title", "body", "picture"}, kind


def test_a_content_placeholder_can_hold_an_easy_read_picture() -> None:
    assert can_hold_picture("obj") and can_hold_picture("pic")
    assert not can_hold_picture("body") and not can_hold_picture("title")
    assert missing_roles("easy-read", ("title", "obj", "obj")) == ()
    assert missing_roles("easy-read", ("title", "body", "obj")) == ()
    assert missing_roles("easy-read", ("title", "obj")) == ("picture",)
    assert missing_roles("easy-read", ("title", "body", "body")) == ("picture",)
    assert missing_roles("easy-read", ("title", "body")) == ("picture",)
