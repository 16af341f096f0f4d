"""Pandoc's inline extras read as Pandoc reads them: strikeout, sub/superscript, bracketed
spans, backslash-escaped characters; links and variables unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_dump import make_project

from packgen.markdown.blocks import parse_body
from packgen.model import Span, Text


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    make_project(root)
    return root


def spans(markdown: str, root: Path) -> Text:
    body = parse_body(f"## Title\n\n{markdown}\n", path="m.md", line_offset=0, root=root,
                      base_dir=root / "content" / "modules")
    assert not body.diagnostics, body.diagnostics
    return body.slides[0].blocks[0].text


@pytest.mark.parametrize(("markdown", "styled", "flag"), [
    ("H~2~O", "2", "sub"),
    ("2^10^", "10", "sup"),
    ("a ~~gone~~ b", "gone", "strike"),
    ("[Name]{.smallcaps}", "Name", "smallcaps"),
    ("[this]{.underline}", "this", "underline"),
    ("[this]{.ul}", "this", "underline"),
    ("[hot]{.mark}", "hot", "mark"),
])
def test_each_construct_styles_its_own_text(markdown: str, styled: str, flag: str,
                                            project: Path) -> None:
    found = {s.text: s for s in spans(markdown, project)}
    assert getattr(found[styled], flag)
    others = [s for s in found.values() if s.text != styled]
    assert not any(getattr(s, flag) for s in others)


@pytest.mark.parametrize("markdown", ["H~a b~", "x^y z^", "a ~ b ~ c"])
def test_sub_and_superscript_with_spaces_stay_text_as_in_pandoc(markdown: str,
                                                                project: Path) -> None:
    text = spans(markdown, project)
    assert [s.text for s in text] == [markdown]


def test_a_span_with_other_attributes_keeps_its_text_and_its_attributes_unshown(
        project: Path) -> None:
    text = spans("see [kept]{#k .other lang=cy} here", project)
    assert [s.text for s in text] == ["see ", "kept", " here"]
    kept = text[1]
    assert dict(kept.attrs) == {"id": "k", "class": "other", "lang": "cy"}
    assert not (kept.smallcaps or kept.underline or kept.mark)


def test_styles_nest(project: Path) -> None:
    text = spans("~~struck **bold [both]{.mark}**~~", project)
    both = next(s for s in text if s.text == "both")
    assert both.strike and both.bold and both.mark


@pytest.mark.parametrize(("markdown", "link"), [
    ("[site](https://example.org)", "https://example.org"),
    ("[site][ref]\n\n[ref]: https://example.org", "https://example.org"),
    ("[ref]\n\n[ref]: https://example.org", "https://example.org"),
    ("[site](https://example.org){.button}", "https://example.org"),
])
def test_links_and_reference_links_are_still_links(markdown: str, link: str,
                                                   project: Path) -> None:
    assert any(s.link == link for s in spans(markdown, project))


def test_a_span_wins_over_a_reference_of_the_same_name_as_in_pandoc(project: Path) -> None:
    text = spans("[ref]{.mark}\n\n[ref]: https://example.org", project)
    assert text == (Span("ref", mark=True, attrs=(("class", "mark"),)),)


@pytest.mark.parametrize("markdown", ["[see]{{ place }}", "{{ place }} [a] {b}",
                                      "[{{ place }}]{.mark}"])
def test_variables_are_left_for_tailoring(markdown: str, project: Path) -> None:
    assert "{{ place }}" in "".join(s.text for s in spans(markdown, project))


def test_escaped_quotes_dashes_and_dots_are_literal(project: Path) -> None:
    text = spans("it\\'s \\-\\- \\. \\* x", project)
    assert "".join(s.text for s in text) == "it's -- . * x"
    assert [s.text for s in text if s.literal] == ["'", "--", "."]
