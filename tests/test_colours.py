"""WCAG contrast: the test vectors of the easy-read research, rule 43."""

from __future__ import annotations

import pytest

from packgen.colours import (
    blend,
    contrast_ratio,
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
    assert relative_luminance(parse_hex("#000")) == 0.0
    assert relative_luminance(parse_hex("#FFFFFF")) == pytest.approx(1.0)


def test_blend_half_black_over_white_is_mid_grey() -> None:
    assert to_hex(blend((0, 0, 0), 0.5, (255, 255, 255))) == "#808080"


def test_parse_hex_rejects_names() -> None:
    with pytest.raises(ValueError):
        parse_hex("red")


def test_large_text_per_wcag() -> None:
    assert is_large_text(18, False) and is_large_text(14, True) and not is_large_text(14, False)
