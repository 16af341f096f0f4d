"""A folder that cannot be read is one diagnostic, never an empty folder or a traceback."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from project_support import findings, make

from packgen.load import folders

AS_ROOT = os.geteuid() == 0


def test_modules_as_a_link_to_itself_is_one_error(tmp_path: Path) -> None:
    root = make(tmp_path, {})
    (root / "content/modules/welcome.md").unlink()
    (root / "content/modules").rmdir()
    (root / "content/modules").symlink_to("modules")
    assert findings(root) == [
        "content/modules: error: cannot follow the link: a loop of symbolic links [PG027]"]


def test_a_loop_of_links_inside_a_folder_is_named_once(tmp_path: Path) -> None:
    root = make(tmp_path, {})
    (root / "content/modules/a").symlink_to("b.md")
    (root / "content/modules/b.md").symlink_to("a")
    assert findings(root) == [
        ("content/modules/a: error: cannot follow the link (it loops through b.md): a loop of "
        "symbolic links [PG027]")]


def test_a_link_back_to_a_folder_that_holds_it_is_a_loop(tmp_path: Path) -> None:
    root = make(tmp_path, {})
    (root / "templates/fonts").mkdir(parents=True)
    (root / "templates/fonts/again").symlink_to("..")
    assert findings(root) == [
        ("templates/fonts/again: error: cannot follow the link: it leads back to a folder that "
         "holds it, a loop [PG027]")]


def test_a_link_to_nowhere_is_left_to_the_file_reader(tmp_path: Path) -> None:
    root = make(tmp_path, {})
    (root / "content/images/gone.png").symlink_to("missing.png")
    assert folders.unreadable_folders(root) == []


@pytest.mark.skipif(AS_ROOT, reason="root reads every folder")
@pytest.mark.parametrize("folder", ["content/modules", "content/images", "templates",
                                    "content/images/sub"])
def test_a_folder_without_permission_is_one_error(tmp_path: Path, folder: str) -> None:
    root = make(tmp_path, {"templates/theme.yaml": "colours: {}\n"})
    (root / folder).mkdir(parents=True, exist_ok=True)
    (root / folder).chmod(0)
    try:
        assert findings(root) == [
            f"{folder}: error: cannot read the folder: permission denied [PG027]"]
    finally:
        (root / folder).chmod(0o755)


@pytest.mark.parametrize("folder", ["content/modules", "templates", "content/images/sub"])
def test_a_folder_the_system_refuses_to_list_is_one_error(tmp_path: Path, folder: str,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    root = make(tmp_path, {"templates/theme.yaml": "colours: {}\n"})
    (root / folder).mkdir(parents=True, exist_ok=True)
    refused = (root / folder).resolve()
    listing = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)).resolve() == refused:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(folders.os, "scandir", scandir)
    assert findings(root) == [(f"{folder}: error: cannot read the folder: permission denied "
                              "[PG027]")]
