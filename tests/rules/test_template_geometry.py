"""Template geometry rules (PG416-PG418): overlapping, off-slide and idx-sharing placeholders."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.util import Cm
from rules_support import theme_with

from packgen.paths import packaged_templates
from packgen.rules import template


def _layout(prs, name: str):
    return next(lay for lay in prs.slide_layouts if lay.name == name)


def _report(path: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for d in template.template_report(path, theme_with(), display="deck.pptx").diagnostics:
        found.setdefault(d.code, []).append(d.message)
    return found


def _default_with(tmp_path: Path, change) -> Path:
    prs = Presentation()
    change(prs)
    path = tmp_path / "t.pptx"
    prs.save(str(path))
    return path


def test_a_body_on_the_title_is_one_short_line_naming_layout_and_placeholders(tmp_path):
    def lower_title(prs):
        title, body = list(_layout(prs, "Title and Content").placeholders)[:2]
        title.left, title.top, title.width, title.height = body.left, body.top, body.width, Cm(3)

    found = _report(_default_with(tmp_path, lower_title))
    assert len(found["PG416"]) == 1
    message = found["PG416"][0]
    assert message.startswith("layout 'Title and Content': title 'Title 1' and obj ")
    assert "overlap by" in message and len(message) < 200


def test_a_placeholder_past_the_edge_is_off_the_slide(tmp_path):
    def push_right(prs):
        body = _layout(prs, "Title Only").placeholders[0]
        body.left = prs.slide_width - Cm(5)

    [message] = _report(_default_with(tmp_path, push_right))["PG417"]
    assert message.startswith("layout 'Title Only': title 'Title 1' lies partly off the slide")
    assert "past the right" in message


def test_placeholders_sharing_an_idx_are_said_once_as_info(tmp_path):
    def share(prs):
        for name in ("Title and Content", "Two Content"):
            for ph in _layout(prs, name).placeholders:
                ph.element.ph.set("idx", "0")

    path = _default_with(tmp_path, share)
    diags = [d for d in template.template_report(path, theme_with()).diagnostics
             if d.code == "PG418"]
    assert [d.severity for d in diags] == ["info"]
    assert "on 2 layout(s)" in diags[0].message


def test_the_packaged_and_python_pptx_templates_have_no_geometry_findings(tmp_path):
    default = tmp_path / "default.pptx"
    Presentation().save(str(default))
    for path in (packaged_templates() / "deck.pptx", default):
        assert not {"PG416", "PG417", "PG418"} & set(_report(path))
