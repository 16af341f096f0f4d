"""Deck template rules (PG400-PG406) on a deliberately bad template and the packaged one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from rules_support import (
    PACKAGED_DECK,
    bad_template,
    band_behind,
    codes,
    module,
    para,
    set_level,
    slide,
    tailored,
    theme_with,
)

from packgen.colours import to_hex
from packgen.errors import PackgenError
from packgen.rules import template
from packgen.rules.ooxml import package


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> template.TemplateReport:
    path = bad_template(tmp_path_factory.mktemp("tpl") / "bad.pptx")
    theme = theme_with({"content": "Title Only", "columns": "Two Content"})
    return template.template_report(path, theme, "en-GB", display="templates/bad.pptx")


def _by_code(report: template.TemplateReport, code: str) -> list[str]:
    return [d.message for d in report.diagnostics if d.code == code]


def test_a_mapped_layout_that_is_missing_is_an_error_with_a_suggestion(
        bad: template.TemplateReport) -> None:
    [message] = _by_code(bad, "PG401")
    assert message == ("theme.yaml maps columns slides to layout 'Two Content', which the "
                       "template lacks (did you mean 'Two Contents'?)")
    assert {d.severity.value for d in bad.diagnostics if d.code == "PG401"} == {"error"}


def test_layout_without_a_body_is_a_missing_placeholder(bad: template.TemplateReport) -> None:
    messages = _by_code(bad, "PG402")
    assert any("'Title Only' lacks a body placeholder for content slides" in m
               for m in messages)


def test_small_title_and_shrink_to_fit_are_reported(bad: template.TemplateReport) -> None:
    messages = _by_code(bad, "PG403")
    assert any(m.startswith("title text is 20 pt in layout 'Title Only'") for m in messages)
    assert any("22.4 pt, 32 pt shrunk to 70% by shrink-to-fit" in m for m in messages)
    assert any(m.startswith("footer text is 12 pt") for m in messages)


def test_low_contrast_is_measured_against_the_real_background(
        bad: template.TemplateReport) -> None:
    messages = _by_code(bad, "PG404")
    assert any("body text #AAAAAA on #FFFFFF has contrast 2.32:1" in m for m in messages)
    assert any("title text #FFFFFF on #FFFFFF" in m and "'Section Header'" in m
               for m in messages)


def test_wrong_language_is_one_warning(bad: template.TemplateReport) -> None:
    messages = _by_code(bad, "PG405")
    assert len(messages) == 1 and "en-US" in messages[0] and 'lang="en-GB"' in messages[0]


def test_template_with_sample_slides_is_a_warning(bad: template.TemplateReport) -> None:
    assert codes([d for d in bad.diagnostics if d.code == "PG406"]) == [
        ("PG406", None, "warning")]
    assert bad.slides == 1


def test_report_lists_layouts_placeholders_and_kinds(bad: template.TemplateReport) -> None:
    names = [lay.name for lay in bad.layouts]
    assert "Two Contents" in names
    assert dict(bad.kinds)["title"] == "Title Slide"
    assert dict(bad.kinds)["agenda"] == "Title and Content"
    assert set(dict(bad.missing)) == {"content", "columns"}
    lines = template.describe(bad)
    assert lines[0] == "templates/bad.pptx: 11 layouts in 1 slide master, 1 slides"
    assert any("ctrTitle" in line and "Title 1" in line for line in lines)


def test_white_title_on_a_dark_band_passes(tmp_path: Path) -> None:
    prs = Presentation()
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title Only")
    set_level(layout.placeholders[0], colour="FFFFFF")
    band_behind(prs, "Title Only", "005A70")
    path = tmp_path / "band.pptx"
    prs.save(str(path))
    report = template.template_report(path, theme_with(), "en-US")
    assert not [m for m in _by_code(report, "PG404") if "'Title Only'" in m]
    assert report.slides == 0


def test_packaged_template_passes_every_rule() -> None:
    report = template.template_report(PACKAGED_DECK, theme_with(), "en-GB",
                                      display="packgen:deck.pptx")
    assert report.diagnostics == ()
    assert not report.missing


def test_unreadable_template_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"
    path.write_bytes(b"not a zip")
    found = template.check_template(path, theme_with(), display="templates/deck.pptx")
    assert found and found[0].severity.value == "error"
    assert found[0].path == "templates/deck.pptx"


def test_pack_check_reports_only_what_the_deck_uses(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    bad_template(tmp_path / "templates" / "deck.pptx")
    tp = tailored(module(slide("A", para("a"), line=3),
                         slide("Q", para("b"), line=8, layout="Nowhere")), root=tmp_path)
    found = template.check_pack_template(tp)
    pg401 = [d for d in found if d.code == "PG401"]
    assert any(d.path == "content/modules/m.md" and d.line == 8 for d in pg401)
    assert [d.path for d in pg401] == ["content/modules/m.md"]
    assert {"PG403", "PG405", "PG406"} <= {d.code for d in found}


def test_pack_with_the_packaged_template_is_clean(tmp_path: Path) -> None:
    tp = tailored(module(slide("A", para("a"))), root=tmp_path)
    assert template.check_pack_template(tp) == []


def test_pack_naming_a_missing_template_gets_pg407(tmp_path: Path) -> None:
    tp = tailored(module(slide("A", para("a"))), root=tmp_path, template="corporate.pptx",
                  lines={"template": 12})
    assert codes(template.check_pack_template(tp)) == [("PG407", 12, "error")]


def test_easy_read_decks_need_seven_to_one(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    prs = Presentation(str(PACKAGED_DECK))
    for layout in prs.slide_layouts:
        if layout.name == "Easy Read":
            set_level(layout.placeholders[2], colour="595959")
            set_level(layout.placeholders[2], colour="666666")
    prs.save(str(tmp_path / "templates" / "deck.pptx"))
    from packgen.model import EasyReadRow, Span

    row = EasyReadRow(sentences=((Span("Hello."),),), image=None, loc=slide("x").loc)
    standard = tailored(module(slide("A", para("a")), easy_read=(row,)), root=tmp_path)
    easy = tailored(module(slide("A", para("a")), easy_read=(row,)), root=tmp_path,
                    deck_style="easy-read")
    assert not [d for d in template.check_pack_template(standard) if d.code == "PG404"]
    assert [d.code for d in template.check_pack_template(easy)] == ["PG404"]


def test_scheme_colours_resolve_through_the_colour_map_with_modifiers() -> None:
    theme = etree.fromstring(
        f'<a:theme xmlns:a="{package.NS["a"]}"><a:themeElements><a:clrScheme name="x">'
        '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
        '<a:lt1><a:srgbClr val="FFFFFF"/></a:lt1>'
        '<a:accent1><a:srgbClr val="4472C4"/></a:accent1>'
        '</a:clrScheme></a:themeElements></a:theme>')
    pal = package.palette(theme, {"tx1": "dk1", "bg1": "lt1"})
    holder = etree.fromstring(
        f'<a:solidFill xmlns:a="{package.NS["a"]}"><a:schemeClr val="tx1">'
        '<a:lumMod val="65000"/><a:lumOff val="35000"/></a:schemeClr></a:solidFill>')
    assert to_hex(package.colour(holder, pal)[:3]) == "#595959"
    alpha = etree.fromstring(
        f'<a:solidFill xmlns:a="{package.NS["a"]}"><a:schemeClr val="accent1">'
        '<a:alpha val="50000"/></a:schemeClr></a:solidFill>')
    assert package.colour(alpha, pal)[3] == 0.5


def test_not_a_template_raises_for_template_report(tmp_path: Path) -> None:
    path = tmp_path / "x.pptx"
    shutil.copy(PACKAGED_DECK, path)
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(PackgenError):
        template.template_report(path, theme_with())


def test_theme_colour_pairs_under_the_minimum_are_reported() -> None:
    from packgen.model import Theme
    from packgen.rules.templatestyle import theme_contrast

    theme = Theme(colours={"text": "#777777", "background": "#FFFFFF", "accent": "#005A70",
                           "accent_text": "#FFFFFF"}, fonts={}, source="templates/theme.yaml")
    found = theme_contrast(theme, 4.5)
    assert codes(found) == [("PG404", None, "warning")]
    assert found[0].path == "templates/theme.yaml" and "4.48:1" in found[0].message
    assert len(theme_contrast(theme, 8.0)) == 3  # accent on white and white on accent: 7.79


def test_see_through_layers_keep_what_is_under_them() -> None:
    picture = package.Fill(unknown="a picture")
    assert package.over(package.Fill(), picture).unknown == "a picture"
    half = package.Fill(((0.0, 0.0, 0.0, 0.5),))
    assert package.over(half, picture).unknown == "a picture"
    white = package.Fill(((255.0, 255.0, 255.0, 1.0),))
    assert to_hex(package.over(half, white).colours[0][:3]) == "#808080"
    assert package.over(white, picture) == white


def test_a_colour_that_is_not_rrggbb_makes_the_template_unreadable(tmp_path: Path) -> None:
    prs = Presentation(str(PACKAGED_DECK))
    quote = next(lay for lay in prs.slide_layouts if lay.name == "Quote")
    set_level(quote.placeholders[1], colour="05A70")
    prs.save(str(tmp_path / "deck.pptx"))
    found = template.check_template(tmp_path / "deck.pptx", theme_with(),
                                    display="templates/deck.pptx")
    assert codes(found) == [("PG400", None, "error")]
    assert found[0].message.endswith("'05A70' (it has 5 hex digits, not 6)")
