"""Content rules (PG101-PG108): one known violation each, with its code, line and severity."""

from __future__ import annotations

from rules_support import at, codes, module, para, picture, slide, tailored

from packgen.model import (
    Activity,
    Columns,
    Conditional,
    Config,
    ListBlock,
    ListItem,
    Span,
    Table,
)
from packgen.rules import content


def _items(n: int) -> ListBlock:
    return ListBlock(items=tuple(ListItem((Span(f"point {i}"),)) for i in range(n)),
                     ordered=False, loc=at(5))


def test_untitled_slide_with_content_is_a_warning_at_its_line() -> None:
    tp = tailored(module(slide("Intro", para("x")), slide("", para("y"), line=7)))
    found = content.untitled_slides(tp)
    assert codes(found) == [("PG101", 7, "warning")]
    assert "'Module, slide 5'" in found[0].message


def test_duplicate_titles_compare_case_and_spaces_and_point_at_the_first() -> None:
    tp = tailored(module(slide("Who holds power", para("a"), line=3),
                         slide("who  holds POWER", para("b"), line=9)))
    found = content.duplicate_titles(tp)
    assert codes(found) == [("PG102", 9, "warning")]
    assert "slide 4 (content/modules/m.md:3)" in found[0].message


def test_duplicate_titles_ignore_untitled_slides() -> None:
    tp = tailored(module(slide("", para("a")), slide("", para("b"))))
    assert content.duplicate_titles(tp) == []


def test_empty_untitled_slide_is_reported_once_as_empty() -> None:
    tp = tailored(module(slide("A", para("a")), slide("", line=12)))
    assert codes(content.empty_slides(tp)) == [("PG103", 12, "warning")]
    assert content.untitled_slides(tp) == []


def test_slide_emptied_by_tailoring_is_reported() -> None:
    original = module(slide("Only for others",
                            Conditional(("self-advocates",), (para("x"),), at(4)), line=3))
    tp = tailored(module(slide("Only for others", line=3)), originals=(original,))
    found = content.empty_slides(tp)
    assert codes(found) == [("PG103", 3, "warning")]
    assert "audience 'staff'" in found[0].message


def test_title_only_slide_as_written_is_not_empty() -> None:
    tp = tailored(module(slide("Any questions?", line=3)))
    assert content.empty_slides(tp) == []


def test_yaml_picture_without_alt_is_a_warning() -> None:
    cover = picture("", line=14, src="content/images/cover.png")
    tp = tailored(module(slide("A", para("a"))), cover=cover)
    assert codes(content.missing_alt(tp)) == [("PG105", 14, "warning")]


def test_module_pictures_are_left_to_the_parser() -> None:
    tp = tailored(module(slide("A", picture("", line=4))))
    assert content.missing_alt(tp) == []


def test_alt_text_that_is_a_file_name_is_a_warning() -> None:
    tp = tailored(module(slide("A", picture("photo.png", line=6)),
                         slide("B", picture("IMG_1234", line=9)),
                         slide("C", picture("meeting", line=12)),
                         slide("D", picture("People round a table", line=15)),
                         slide("E", picture("", line=18, decorative=True))))
    assert codes(content.file_name_alt(tp)) == [
        ("PG106", 6, "warning"), ("PG106", 9, "warning"), ("PG106", 12, "warning")]


def test_is_file_name_spots_names_but_not_descriptions() -> None:
    assert content.is_file_name("DSC_0042.JPG", "content/images/x.png")
    assert content.is_file_name("image", "content/images/x.png")
    assert not content.is_file_name("A map with three spaces", "content/images/x.png")
    assert not content.is_file_name("2 people talking", "content/images/x.png")


def test_table_without_header_row_is_a_warning_at_the_table() -> None:
    empty = Table(header=((), ()), rows=(((Span("a"),), (Span("b"),)),), loc=at(21))
    partial = Table(header=((Span("Name"),), ()), rows=(), loc=at(30))
    tp = tailored(module(slide("T", empty), slide("U", partial)))
    found = content.table_headers(tp)
    assert codes(found) == [("PG107", 21, "warning"), ("PG107", 30, "warning")]
    assert "column 2" in found[1].message


def test_too_many_lines_says_how_many() -> None:
    tp = tailored(module(slide("Busy", _items(8), line=4)))
    found = content.text_amount(tp)
    assert codes(found) == [("PG108", 4, "warning")]
    assert "8 lines" in found[0].message and "notes" in found[0].message


def test_too_many_words_in_one_paragraph() -> None:
    tp = tailored(module(slide("Wordy", para(" ".join(["word"] * 41)), line=2)))
    assert "41 words" in content.text_amount(tp)[0].message


def test_six_lines_and_forty_words_are_fine() -> None:
    tp = tailored(module(slide("Just right", _items(6))))
    assert content.text_amount(tp) == []


def test_thresholds_come_from_packgen_toml() -> None:
    config = Config(thresholds={"slide_lines": 10.0})
    tp = tailored(module(slide("Busy", _items(8))), config=config)
    assert content.text_amount(tp) == []


def test_columns_count_side_by_side_and_activities_count_their_intro() -> None:
    cols = Columns(columns=((_items(4),), (_items(4),)), loc=at(3))
    assert content.measure((cols,)) == (4, 16)
    activity = Activity(title="Map", minutes=10, loc=at(8), intro=(_items(7),))
    tp = tailored(module(slide("Map", kind="activity", activity=activity, line=8)))
    assert codes(content.text_amount(tp)) == [("PG108", 8, "warning")]


def test_easy_read_decks_skip_the_content_slide_rules() -> None:
    tp = tailored(module(slide("Same", para("a")), slide("Same", para("b"))),
                  deck_style="easy-read")
    assert content.duplicate_titles(tp) == []
