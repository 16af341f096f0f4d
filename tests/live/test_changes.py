"""Which changed files start a rebuild."""

from __future__ import annotations

from pathlib import Path

import pytest

from packgen.live.changes import gallery_due, relevant, shown

ROOT = Path("/work/project")


@pytest.mark.parametrize("name", [
    "content/modules/welcome.md",
    "content/modules/welcome.qmd",
    "content/packs/staff-intro.yaml",
    "content/images/hello.png",
    "templates/deck.pptx",
    "templates/html/guide.css",
    "packgen.toml",
])
def test_a_change_to_a_project_file_rebuilds(name: str) -> None:
    assert relevant(ROOT / name, ROOT, ROOT / "build")


@pytest.mark.parametrize("name", [
    "build/staff-intro/staff-intro-guide.html",
    "build/.serve/thumbs/abc/1.png",
    "content/modules/.welcome.md.swp",
    "content/modules/welcome.md~",
    "content/modules/.#welcome.md",
    "content/modules/#welcome.md#",
    "content/modules/4913",
    "content/.git/index",
    "templates/deck.pptx.tmp",
    "README.md",
    "content",
    "other/packgen.toml",
])
def test_output_hidden_temporary_and_other_files_do_not(name: str) -> None:
    assert not relevant(ROOT / name, ROOT, ROOT / "build")


def test_an_output_folder_elsewhere_inside_the_project_is_ignored_too() -> None:
    out = ROOT / "content" / "out"
    assert not relevant(out / "staff-intro" / "staff-intro-guide.html", ROOT, out)
    assert relevant(ROOT / "content" / "modules" / "welcome.md", ROOT, out)


def test_a_file_outside_the_project_does_not_rebuild() -> None:
    assert not relevant(Path("/elsewhere/content/modules/welcome.md"), ROOT, ROOT / "build")


def test_changed_paths_are_shown_relative_to_the_project_and_sorted() -> None:
    assert shown({ROOT / "packgen.toml", ROOT / "content" / "a.md"}, ROOT) == [
        "content/a.md", "packgen.toml"]


@pytest.mark.parametrize("changed", [
    ["templates/theme.yaml"], ["templates/deck.pptx"], ["templates/fonts/Brand.ttf"],
    ["content/model.yaml"], ["content/glossary.yaml"], ["packgen.toml"],
    ["content/modules/welcome.md", "templates/theme.yaml"],
])
def test_the_gallery_is_rebuilt_when_its_template_theme_or_model_changes(
        changed: list[str]) -> None:
    assert gallery_due(changed)


@pytest.mark.parametrize("changed", [
    ["content/modules/welcome.md"], ["content/packs/staff-intro.yaml"],
    ["content/images/hello.png"], ["content/audiences.yaml"], ["templatesX/deck.pptx"],
])
def test_the_gallery_is_left_alone_when_only_content_changes(changed: list[str]) -> None:
    assert not gallery_due(changed)
