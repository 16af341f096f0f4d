"""Picture credits load from content/images/CREDITS.yaml and reach the handout's end page."""

from __future__ import annotations

from pathlib import Path

import pytest
from where import FIXTURES

from packgen.errors import PackgenError
from packgen.load.project import load_project
from packgen.views.handout import credit_lines

FIXTURE = FIXTURES / "project"


def _picture(root: Path) -> str:
    return sorted((root / "content" / "images").glob("*.png"))[0].name


def test_credits_name_pictures_by_project_path_and_keep_attribution(project: Path) -> None:
    name = _picture(project)
    (project / "content" / "images" / "CREDITS.yaml").write_text(
        f"- file: {name}\n  source: Drawn here\n  author: A. Artist\n  licence: CC BY 4.0\n"
        "  attribution: Picture by A. Artist, CC BY 4.0\n", encoding="utf-8")
    loaded, _ = load_project(project)
    (credit,) = loaded.credits
    assert credit.src == f"content/images/{name}"
    assert (credit.licence, credit.loc.line) == ("CC BY 4.0", 1)
    assert "content/images/CREDITS.yaml" in loaded.inputs
    shown = [type("Shown", (), {"src": credit.src})()]
    assert credit_lines(loaded.credits, shown) == ["Picture by A. Artist, CC BY 4.0"]
    assert credit_lines(loaded.credits, []) == []


def test_credit_for_a_missing_picture_is_an_error_at_its_line(project: Path) -> None:
    (project / "content" / "images" / "CREDITS.yaml").write_text(
        "- file: nowhere.png\n  licence: CC0\n", encoding="utf-8")
    with pytest.raises(PackgenError) as exc:
        load_project(project)
    assert str(exc.value).startswith("content/images/CREDITS.yaml:1: error:")
    assert "nowhere.png" in str(exc.value)
