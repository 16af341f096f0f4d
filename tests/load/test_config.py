"""packgen.toml: every table and key checked, each problem at the line of its key."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from where import REPO

from packgen.errors import Diagnostic
from packgen.load.config import read_config, toml_line, unknown_codes
from packgen.model.project import THRESHOLDS
from packgen.rules.easy_read import DEFAULTS


def problems(text: str, codes: set[str] | None = None) -> list[str]:
    """Return the findings of reading ``text`` as packgen.toml."""
    sink: list[Diagnostic] = []
    read_config(tomllib.loads(text), text, sink, codes)
    return [str(d) for d in sink]


def test_a_misspelt_threshold_is_an_error_with_the_closest_name_at_its_line() -> None:
    assert problems("[rules]\nslide_words = 40\nslide_line = 6\n") == [
        ("packgen.toml:3: error: unknown key 'slide_line' in [rules]; did you mean "
        "'slide_lines'? (expected one of: contrast, contrast_easy_read, ease, grade, "
        "sentence_words, slide_lines, slide_words, syllables, zipf) [PG025]")]


@pytest.mark.parametrize(("setting", "expected"), [
    ('slide_lines = "six"', "a whole number above 0; found 'six'"),
    ("slide_lines = 6.5", "a whole number above 0; found 6.5"),
    ("sentence_words = 0", "a whole number above 0; found 0"),
    ("contrast = true", "a number above 0; found True"),
    ("zipf = -1", "a number above 0; found -1"),
])
def test_a_threshold_of_the_wrong_type_is_an_error_at_its_line(setting: str,
                                                               expected: str) -> None:
    key = setting.split(" =")[0]
    assert problems(f"# settings\n[rules]\n{setting}\n") == [
        f"packgen.toml:3: error: rule threshold '{key}' must be {expected} [PG026]"]


def test_good_thresholds_load_as_numbers() -> None:
    sink: list[Diagnostic] = []
    text = "[rules]\nslide_lines = 8\ncontrast = 4.5\n"
    config = read_config(tomllib.loads(text), text, sink)
    assert sink == [] and dict(config.thresholds) == {"slide_lines": 8.0, "contrast": 4.5}


def test_easy_read_and_silence_values_of_the_wrong_type_are_errors() -> None:
    text = '[easy-read]\nallow = 3\n\n[silence]\nPG108 = 5\nPG1 = ["*"]\n'
    assert problems(text) == [
        "packgen.toml:2: error: 'allow' in [easy-read] must be a list of text; found 3 [PG026]",
        "packgen.toml:5: error: 'PG108' in [silence] must be a list of text; found 5 [PG026]",
        "packgen.toml:6: error: [silence] key 'PG1' is not a rule code like PG301 [PG028]",
    ]


def test_silenced_codes_are_checked_against_the_known_codes_when_given() -> None:
    text = '[silence]\nPG108 = ["*"]\nPG109 = ["*"]\n'
    assert problems(text) == []
    assert problems(text, {"PG108", "PG105"}) == [
        ("packgen.toml:3: error: [silence] names 'PG109', which is no rule code; did you mean "
        "PG108? (`packgen rules` lists them) [PG028]")]
    assert unknown_codes(["PG108"], text, {"PG108"}) == []


def test_a_key_is_found_in_its_own_table_only() -> None:
    text = "[easy-read]\nallow = []\n\n[rules]\n# allow = 1\nallow = 1\n"
    assert toml_line(text, "allow", "rules") == 6
    assert toml_line(text, "allow", "easy-read") == 2
    assert toml_line(text, "rules", None) == 4


def test_every_threshold_a_rule_reads_is_a_known_key() -> None:
    rules = REPO / "src" / "packgen" / "rules"
    read = {name for path in rules.rglob("*.py") for name in re.findall(
        r'limits(?:\.get\(|\[)"(\w+)"', path.read_text(encoding="utf-8"))}
    assert read | set(DEFAULTS) <= set(THRESHOLDS)


def test_a_project_silencing_a_code_that_does_not_exist_is_told_so(tmp_path: Path) -> None:
    from project_support import findings, make

    root = make(tmp_path, {"packgen.toml": "[silence]\nPG108 = ['*']\nPG999 = ['*']\n"})
    assert findings(root) == [
        ("packgen.toml:3: error: [silence] names 'PG999', which is no rule code; did you mean "
         "PG409? (`packgen rules` lists them) [PG028]")]
