"""Hex colours and WCAG contrast: the test vectors of the easy-read research, rule 43."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from packgen.colours import (
    SRGB_THRESHOLD,
    blend,
    blend_hex,
    contrast_ratio,
    hex_digits,
    hex_problem,
    is_large_text,
    parse_hex,
    relative_luminance,
    to_hex,
)

VECTORS = [
    ("#000000", "#FFFFFF", 21.0),
    ("#767676", "#FFFFFF", 4.54),
    ("#777777", "#FFFFFF", 4.48),
    ("#595959", "#FFFFFF", 7.0),
    ("#949494", "#FFFFFF", 3.03),
    ("#333399", "#FFFFFF", 10.12),
    ("#000000", "#FFFF00", 19.56),
]


@pytest.mark.parametrize(("fg", "bg", "expected"), VECTORS)
def test_contrast_ratio_matches_the_research_vectors(fg: str, bg: str, expected: float) -> None:
    assert round(contrast_ratio(fg, bg), 2) == pytest.approx(expected, abs=0.01)


def test_contrast_ratio_is_symmetric() -> None:
    assert contrast_ratio("#005A70", "#FFFFFF") == contrast_ratio("#FFFFFF", "#005A70")


def test_threshold_sides_of_4_5_are_told_apart() -> None:
    assert contrast_ratio("#767676", "#FFFFFF") >= 4.5 > contrast_ratio("#777777", "#FFFFFF")


def test_relative_luminance_of_black_and_white() -> None:
    assert relative_luminance(parse_hex("#000000")) == 0.0
    assert relative_luminance(parse_hex("#FFFFFF")) == pytest.approx(1.0)


def test_blend_half_black_over_white_is_mid_grey() -> None:
    assert to_hex(blend((0, 0, 0), 0.5, (255, 255, 255))) == "#808080"


def test_parse_hex_rejects_names() -> None:
    with pytest.raises(ValueError, match="'red' is not a #RRGGBB colour: 'r' is not a hex digit"):
        parse_hex("red")


@pytest.mark.parametrize("value", ["#1A1A1A", "1A1A1A", "#005a70", "005a70", "#FFFFFF"])
def test_hex_with_or_without_the_hash_is_a_colour(value: str) -> None:
    assert hex_problem(value) is None
    assert hex_digits(value) == value.lstrip("#").upper()


REFUSED = [
    ("", "it has no hex digits"),
    ("#", "it has no hex digits"),
    ("teal", "'t' is not a hex digit (0-9, A-F)"),
    ("#GG0000", "'G' is not a hex digit (0-9, A-F)"),
    ("#FFF", "it has 3 hex digits, not 6"),
    ("#12345", "it has 5 hex digits, not 6"),
    ("#1234567", "it has 7 hex digits, not 6"),
    (" #FFFFFF", "' ' is not a hex digit (0-9, A-F)"),
    ("#FFFFFF\n", "'\n' is not a hex digit (0-9, A-F)"),
    ("##FFFFFF", "'#' is not a hex digit (0-9, A-F)"),
    ("+1+1+1", "'+' is not a hex digit (0-9, A-F)"),
    ("1_2_3_", "'_' is not a hex digit (0-9, A-F)"),
    ("\uff11\uff11\uff11\uff11\uff11\uff11", "'\uff11' is not a hex digit (0-9, A-F)"),
]
"""What ``int(..., 16)`` alone would let through (signs, underscores, wide digits) included."""


@pytest.mark.parametrize(("value", "problem"), REFUSED)
def test_hex_problem_says_what_is_wrong(value: str, problem: str) -> None:
    assert hex_problem(value) == problem
    with pytest.raises(ValueError, match="is not a #RRGGBB colour"):
        parse_hex(value)


def test_theme_files_need_the_hash() -> None:
    assert hex_problem("1A1A1A", hash_required=True) == "it does not start with '#'"
    assert hex_problem("#1A1A1A", hash_required=True) is None


def test_blend_hex_rounds_to_the_nearest_channel() -> None:
    assert blend_hex("#7A2E8E", 0.22, "#FFFFFF") == to_hex(
        blend(parse_hex("7A2E8E"), 0.22, (255.0, 255.0, 255.0)))
    assert blend_hex("#000000", 0.5, "#FFFFFF") == "#808080"


def test_wcag_2_0_and_2_2_thresholds_agree_on_every_8_bit_channel() -> None:
    def linear(c: float, threshold: float) -> float:
        return c / 12.92 if c <= threshold else ((c + 0.055) / 1.055) ** 2.4

    for value in range(256):
        c = value / 255
        assert linear(c, 0.03928) == linear(c, SRGB_THRESHOLD)
        assert relative_luminance((value, value, value)) == pytest.approx(linear(c, 0.03928))


def test_large_text_per_wcag() -> None:
    assert is_large_text(18, False) and is_large_text(14, True) and not is_large_text(14, False)


THEME = {"text": "#1A1A1A", "background": "#FFFFFF", "accent": "#005A70",
         "accent_text": "#FFFFFF", "muted": "#4A4A4A", "surface": "#F2F5F7",
         "my_space": "#7A2E8E", "your_space": "#1F6F3F", "shared_space": "#B35000"}
"""The packaged theme's colours."""
PAIRS = [(fg, bg) for fg in THEME.values() for bg in THEME.values() if fg != bg]
PAIRS += [(fg, bg) for fg, bg, _ in VECTORS]


def _wcag20_ratio(fg: str, bg: str) -> float:
    """Return the ratio as the spaces diagram computed it before colours.py (0.03928)."""
    def lum(colour: str) -> float:
        value = colour.lstrip("#")
        channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                   for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lighter, darker = sorted((lum(fg), lum(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(("fg", "bg"), PAIRS)
def test_the_diagrams_former_formula_gives_the_same_ratio(fg: str, bg: str) -> None:
    assert contrast_ratio(fg, bg) == _wcag20_ratio(fg, bg)


@pytest.mark.parametrize(("fg", "bg"), PAIRS)
def test_template_rule_and_diagram_ink_rate_a_pair_alike(fg: str, bg: str) -> None:
    from packgen.model import Theme
    from packgen.rules.templatestyle import theme_contrast
    from packgen.writers.spaces import readable_on

    [finding] = theme_contrast(Theme({"text": fg, "background": bg}, {}), 22.0)
    assert f"has contrast {contrast_ratio(fg, bg):.2f}:1" in finding.message
    candidates = (fg, "#FFFFFF", "#000000")
    enough = [c for c in candidates if contrast_ratio(c, bg) >= 4.5]
    best = enough[0] if enough else max(candidates, key=lambda c: contrast_ratio(c, bg))
    assert readable_on(bg, *candidates) == best


ACCEPTED = ["#1A1A1A", "1A1A1A", "#005a70", "005a70"]
SAMPLES = ACCEPTED + [value for value, _ in REFUSED]


def test_theme_loader_accepts_exactly_what_hex_problem_accepts(tmp_path: Path) -> None:
    from packgen.errors import PackgenError
    from packgen.load.project import load_project

    names = {f"c{i}": value for i, value in enumerate(SAMPLES)}
    lines = [f"  {name}: {json.dumps(value)}" for name, value in names.items()]
    theme = 'colours:\n  text: "#000000"\n  background: "#FFFFFF"\n  accent: "#005A70"\n'
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "theme.yaml").write_text(theme + "\n".join(lines) + "\n")
    with pytest.raises(PackgenError) as info:
        load_project(tmp_path)
    refused = {d.message.split("'")[1] for d in info.value.diagnostics
               if "must be written #RRGGBB" in d.message}
    # the loader reads every value as text with the spaces around it dropped
    assert refused == {n for n, v in names.items()
                       if hex_problem(v.strip(), hash_required=True)}


def test_template_reader_and_writers_accept_exactly_what_hex_problem_accepts(
        tmp_path: Path) -> None:
    from pptx import Presentation
    from rules_support import PACKAGED_DECK, set_level, theme_with

    from packgen.rules import template

    values = ["1A1A1A", "005a70", "#FFFFFF", "teal", "GG0000", "FFF", "12345", "1234567",
              "+1+1+1", "1_2_3_"]
    prs = Presentation(str(PACKAGED_DECK))
    holders = [lay.placeholders[1] for lay in prs.slide_layouts if lay.name in ("Quote", "Agenda")]
    for i, value in enumerate(values):
        set_level(holders[i // 5], colour=value, level=i % 5 + 1)
    prs.save(str(tmp_path / "deck.pptx"))
    [found] = template.check_template(tmp_path / "deck.pptx", theme_with(), display="deck.pptx")
    named = {v for v in values if f"'{v}' (" in found.message}
    assert named == {v for v in values if hex_problem(v)}
    for value in SAMPLES:
        if hex_problem(value):
            with pytest.raises(ValueError):
                hex_digits(value)
        else:
            assert hex_digits(value) == value.removeprefix("#").upper()
