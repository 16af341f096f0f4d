"""Every key of templates/theme.yaml is checked: sections, font roles, layout kinds, colours."""

from __future__ import annotations

from pathlib import Path

import pytest
from project_support import THEME, findings, make

from packgen.paths import packaged_templates


@pytest.mark.parametrize(("extra", "line", "message"), [
    ("fonts: {bdy: Arial}\n", 2, ("unknown key 'bdy'; did you mean 'body'? (expected one of: "
     "body, code, heading)")),
    ("layouts: {qoute: Big Quote}\n", 2, "unknown key 'qoute'; did you mean 'quote'?"),
    ("colours: {mutd: '#333333'}\n", 1, "unknown key 'mutd' in colours; did you mean 'muted'?"),
    ("fnts: {body: Arial}\n", 2, "unknown key 'fnts'; did you mean 'fonts'?"),
    ("logo: {src: ../content/images/pic.png, alt: Logo, tilte: x}\n", 2,
     "unknown key 'tilte'"),
])
def test_a_misspelt_theme_key_anywhere_is_an_error_at_its_line(
        tmp_path: Path, extra: str, line: int, message: str) -> None:
    theme = THEME.replace("colours: {", "colours: {mutd: '#333333', ") \
        if extra.startswith("colours") else THEME + extra
    found = findings(make(tmp_path, {"templates/theme.yaml": theme}))
    assert len(found) == 1, found
    assert found[0].startswith(f"templates/theme.yaml:{line}: error: {message}")
    assert found[0].endswith("[PG025]")


def test_a_colour_of_the_projects_own_is_accepted(tmp_path: Path) -> None:
    theme = THEME.replace("colours: {", "colours: {highlight: '#FFCC00', ")
    assert findings(make(tmp_path, {"templates/theme.yaml": theme})) == []


def test_the_shipped_theme_has_no_unknown_keys(tmp_path: Path) -> None:
    theme = (packaged_templates() / "theme.yaml").read_text(encoding="utf-8")
    assert findings(make(tmp_path, {"templates/theme.yaml": theme})) == []
