"""The layout resolver: which layout each slide kind uses, and how it was chosen."""

from __future__ import annotations

import pytest

from packgen.model.slide_kinds import KINDS
from packgen.rules import layouts
from packgen.rules.layouts import Layout, Slot

CM = 360000


def box(role: str, left: float, top: float, width: float, height: float,
        kind: str = "") -> Slot:
    types = {"title": "title", "body": "obj", "picture": "pic"}
    return Slot(kind or types[role], role, int(left * CM), int(top * CM), int(width * CM),
                int(height * CM))


TITLE = box("title", 1, 1, 30, 3)
WIDE = box("body", 1, 5, 30, 12)
LEFT, RIGHT = box("body", 1, 5, 14, 12), box("body", 16, 5, 14, 12)
TOP, BOTTOM = box("body", 1, 5, 30, 5), box("body", 1, 11, 30, 5)
PICTURE = box("picture", 1, 5, 20, 12)


def lay(name: str, *slots: Slot) -> Layout:
    return Layout(name, "", slots)


IMPRESS = (
    lay("Title Slide", box("title", 1, 1, 30, 3, "ctrTitle"), box("body", 1, 5, 30, 9, "subTitle")),
    lay("Title, Content", TITLE, WIDE),
    lay("Title, 2 Content", TITLE, LEFT, RIGHT),
    lay("Title Only", TITLE),
    lay("Centered Text", box("body", 1, 1, 30, 12, "subTitle")),
    lay("Title, Content over Content", TITLE, TOP, BOTTOM),
)
"""The layouts a LibreOffice Impress template exports, by name and placeholders."""


@pytest.mark.parametrize("name, same", [
    ("Title, Content", "Title and Content"), ("title & content", "Title and Content"),
    ("Title, 2 Content", "Title and Two Content"), ("TWO CONTENT", "Two Content")])
def test_names_compare_without_case_punctuation_and_or_two(name: str, same: str) -> None:
    assert layouts.normalise(name) == layouts.normalise(same)


def test_an_impress_template_gets_a_layout_for_every_kind() -> None:
    choices = layouts.resolve(IMPRESS, {})
    chosen = {kind: c.layout for kind, c in choices.items()}
    assert chosen == {
        "title": "Title Slide", "agenda": "Title, Content", "section": "Title Only",
        "content": "Title, Content", "statement": "Title Only", "columns": "Title, 2 Content",
        "picture": "Title, Content", "quote": "Title, Content", "table": "Title Only",
        "activity": "Title, 2 Content", "easy-read": "Title, 2 Content", "diagram": "Title Only",
        "break": "Title Only", "closing": "Title Slide"}
    assert choices["content"].how == layouts.BY_NAME
    assert choices["title"].how == layouts.DEFAULT
    assert choices["easy-read"].how == layouts.BY_NAME


def test_the_theme_mapping_wins_over_every_name() -> None:
    choices = layouts.resolve(IMPRESS, {"content": "Title, Content over Content"})
    assert choices["content"].layout == "Title, Content over Content"
    assert choices["content"].how == layouts.THEMED


def test_a_mapped_layout_without_the_placeholders_is_an_error() -> None:
    choice = layouts.resolve(IMPRESS, {"content": "Title Only"})["content"]
    assert choice.layout is None and choice.code == "PG402"
    assert choice.problem.startswith("layout 'Title Only' lacks a body placeholder")


def test_did_you_mean_suggests_only_layouts_that_fit_by_their_normalised_names() -> None:
    choices = layouts.resolve(IMPRESS, {"content": "Title and Contents",
                                        "columns": "Two Content"})
    assert "(did you mean 'Title, Content'?)" in choices["content"].problem
    assert "(did you mean 'Title, 2 Content'?)" in choices["columns"].problem


def test_unknown_names_are_matched_by_their_placeholders() -> None:
    german = (lay("Titelfolie", box("title", 1, 1, 30, 3, "ctrTitle")),
              lay("Titel und Inhalt", TITLE, WIDE),
              lay("Zwei Inhalte", TITLE, LEFT, RIGHT),
              lay("Inhalt oben und unten", TITLE, TOP, BOTTOM),
              lay("Bild mit Titel", TITLE, PICTURE, box("body", 22, 5, 8, 12)))
    choices = layouts.resolve(german, {})
    assert choices["columns"].layout == "Zwei Inhalte"
    assert choices["columns"].how == layouts.BY_PLACEHOLDERS
    assert choices["easy-read"].layout == "Bild mit Titel"
    assert choices["title"].layout == "Titelfolie"


def test_two_layouts_that_fit_equally_are_an_error_naming_them_and_the_fix() -> None:
    tied = [lay(f"Layout {n}", TITLE, WIDE) for n in range(1, 6)]
    choice = layouts.resolve(tied, {})["content"]
    assert choice.layout is None and choice.code == "PG412"
    assert "5 layouts fit content slides equally well: 'Layout 1', 'Layout 2', 'Layout 3' " \
           "and 2 more" in choice.problem
    assert 'under layouts: in templates/theme.yaml (content: "Layout 1")' in choice.problem


def test_a_name_stands_for_its_first_layout_so_repeats_in_another_master_never_tie() -> None:
    second = Layout("Title, Content", "second", (TITLE, WIDE))
    choice = layouts.resolve((*IMPRESS, second), {})["content"]
    assert choice.layout == "Title, Content"


def test_statement_and_break_borrow_a_divider_and_the_rest_are_counted_once() -> None:
    choices = layouts.resolve(IMPRESS, {}).values()
    assert [c.kind for c in layouts.borrowed(choices)] == ["statement", "break"]
    assert layouts.matched_info(choices).startswith(
        "9 slide kinds use layouts matched by name or placeholders")


def test_the_paste_block_pins_every_match_and_keeps_the_mapping() -> None:
    choices = layouts.resolve(IMPRESS, {"table": "Title Only"})
    block = layouts.paste_block(choices, {"table": "Title Only"})
    assert block[0] == "layouts:"
    assert '  content: "Title, Content"' in block and '  table: "Title Only"' in block
    assert '  easy-read: "Title, 2 Content"' in block
    assert not any("title:" in line for line in block)


def test_a_template_with_every_default_name_needs_no_paste_block() -> None:
    from packgen.model.slide_kinds import DEFAULT_LAYOUTS

    every = [lay(name, TITLE, PICTURE, LEFT, RIGHT) for name in set(DEFAULT_LAYOUTS.values())]
    choices = layouts.resolve(every, {})
    assert {c.how for c in choices.values()} == {layouts.DEFAULT}
    assert layouts.paste_block(choices, {}) == [] and layouts.matched_info(choices.values()) is None
    assert list(choices) == list(KINDS)


def test_a_kind_no_layout_fits_is_a_comment_in_the_paste_block() -> None:
    plain = (Layout("Title Only", "m", (TITLE,)), Layout("Title, Content", "m", (TITLE, WIDE)))
    choices = layouts.resolve(plain, {})
    assert choices["easy-read"].layout is None
    block = layouts.paste_block(choices, {})
    assert "  # easy-read: no layout has a title, a picture and a body placeholder" in block
