"""TeX math is read as Pandoc reads it: dollars by Pandoc's rules, bad TeX one warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from packgen.markdown.blocks import parse_body
from packgen.model import Paragraph, Span, plain, words


def body(text: str):
    return parse_body(text, path="m.md", line_offset=4, root=Path("."), base_dir=Path("."))


def spans(text: str) -> tuple[Span, ...]:
    parsed = body("## S\n\n" + text + "\n")
    (block,) = parsed.slides[0].blocks
    assert isinstance(block, Paragraph)
    return block.text


def test_inline_math_is_one_equation_span_with_its_tex() -> None:
    text = spans("The mean $\\bar{x} = \\frac{1}{n}$ here.")
    assert [(s.text, s.math) for s in text] == [
        ("The mean ", ""), ("\\bar{x} = \\frac{1}{n}", "inline"), (" here.", "")]


@pytest.mark.parametrize("source", ["$5 and $10", "$ x $", "$x $", "$x$5", "\\$x$",
                                    "`$x^2$`", "\\(x\\)"])
def test_dollars_pandoc_reads_as_text_stay_text(source: str) -> None:
    assert not any(s.math for s in spans(source))


def test_display_math_on_its_own_lines_is_a_paragraph_of_one_display_equation() -> None:
    parsed = body("## S\n\n$$\n\\sum_{i=1}^n x_i\n$$\n")
    (block,) = parsed.slides[0].blocks
    assert block.text == (Span("\\sum_{i=1}^n x_i", math="display"),)
    assert block.loc.line == 7


def test_double_dollars_inside_a_paragraph_are_display_math() -> None:
    assert [s.math for s in spans("so $$x^2$$ then")] == ["", "display", ""]


@pytest.mark.parametrize("tex, why", [("\\frac{a}{b", "never closed"),
                                      ("x}", "closes no"),
                                      ("\\foo{x}", "unknown TeX command \\foo")])
def test_bad_tex_is_one_warning_at_its_line_and_stays_visible_as_code(tex: str,
                                                                      why: str) -> None:
    parsed = body(f"## S\n\nSome ${tex}$ here.\n")
    (found,) = parsed.diagnostics
    assert (found.severity.value, found.code, found.line) == ("warning", "PG160", 7)
    assert why in found.message
    (block,) = parsed.slides[0].blocks
    assert Span(tex, code=True) in block.text
    assert not any(s.math for s in block.text)


def test_very_long_math_is_refused_like_other_limits() -> None:
    parsed = body("## S\n\n$" + "x+" * 1500 + "x$\n")
    assert [(d.severity.value, d.code) for d in parsed.diagnostics] == [("error", "PG024")]


def test_math_in_a_heading_becomes_its_plain_text_form() -> None:
    parsed = body("## The mean $\\bar{x}^2$\n\nText.\n")
    assert plain(parsed.slides[0].title) == "The mean x̅²"
    assert not any(s.math for s in parsed.slides[0].title)


def test_an_equation_counts_as_one_word_for_the_reading_rules() -> None:
    text = spans("Add $\\frac{1}{n}\\sum_{i=1}^n x_i$ now.")
    assert words(text) == "Add formula now."
    assert "\\frac" in plain(text)
