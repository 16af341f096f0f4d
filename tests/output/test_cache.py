"""The build cache's digests see every file a kind reads and never read what they must not."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from packgen.output import cache


@pytest.mark.parametrize(("path", "kinds"), [
    ("templates/handout.typ", {"handout"}),
    ("templates/handout.css", {"handout"}),
    ("templates/guide.html", {"guide"}),
    ("templates/handout-common.typ", {"guide", "handout"}),
    ("templates/parts/macros.html", {"guide", "handout"}),
    ("templates/corporate.pptx", {"deck"}),
    ("templates/deck.pptx", {"deck"}),
    ("templates/reference.docx", {"guide", "handout"}),
    ("templates/theme.yaml", set()),
    ("templates/fonts/guide-face.ttf", set()),
    ("content/modules/guide.md", set()),
])
def test_each_template_belongs_to_the_kinds_that_read_it(path: str, kinds: set[str]) -> None:
    assert cache._template_kinds(path) == kinds


def test_the_tree_digest_changes_with_any_file_and_only_then(project: Path) -> None:
    before = cache.tree_digest(project)
    assert cache.tree_digest(project) == before
    new = project / "content" / "images" / "new.png"
    new.parent.mkdir(exist_ok=True)
    new.write_bytes(b"\x89PNG")
    assert cache.tree_digest(project) != before
    new.unlink()
    assert cache.tree_digest(project) == before
    (project / "packgen.toml").write_text("", encoding="utf-8")
    assert cache.tree_digest(project) != before


def test_the_tree_digest_never_reads_through_a_link_out_of_the_project(
        project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("one", encoding="utf-8")
    (project / "content" / "leak.md").symlink_to(secret)
    before = cache.tree_digest(project)
    secret.write_text("two", encoding="utf-8")
    assert cache.tree_digest(project) == before


def test_a_link_inside_the_project_is_hashed_by_what_it_points_to(project: Path) -> None:
    target = project / "content" / "modules" / "welcome.md"
    (project / "templates" / "linked.md").symlink_to(target)
    before = cache.tree_digest(project)
    target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.tree_digest(project) != before


def test_a_named_pipe_is_never_opened(project: Path) -> None:
    os.mkfifo(project / "content" / "pipe.md")
    assert len(cache.tree_digest(project)) == 64  # returns: a FIFO opened would block


def test_packgens_own_digest_covers_its_packaged_templates(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    import packgen

    copy = tmp_path / "packgen"
    shutil.copytree(Path(packgen.__file__).parent, copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "__file__", str(copy / "output" / "cache.py"))
    cache.code_digest.cache_clear()
    try:
        before = cache.code_digest()
        theme = copy / "templates" / "theme.yaml"
        theme.write_text(theme.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        cache.code_digest.cache_clear()
        assert cache.code_digest() != before
    finally:
        cache.code_digest.cache_clear()


def test_a_linked_folder_inside_the_project_is_walked_into(project: Path) -> None:
    modules = project / "content" / "modules"
    shared = project / "shared-modules"
    modules.rename(shared)
    modules.symlink_to(shared)
    before = cache.tree_digest(project)
    module = shared / "power.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.tree_digest(project) != before
