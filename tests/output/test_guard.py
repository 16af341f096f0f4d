"""The output folder is never the project, its sources, or a folder around them."""

from __future__ import annotations

from pathlib import Path

import pytest

from packgen.errors import PackgenError
from packgen.output import guard


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Return an empty project with its two source folders."""
    project = tmp_path / "project"
    for name in ("content/modules", "templates"):
        (project / name).mkdir(parents=True)
    return project


@pytest.mark.parametrize(("where", "said"), [
    (".", "is the project itself"),
    ("..", "holds the project"),
    ("content", "is the project's content/ folder"),
    ("content/modules/new", "is inside the project's content/ folder"),
    ("templates", "is the project's templates/ folder"),
])
def test_an_output_folder_on_the_sources_is_pg004(root: Path, where: str, said: str) -> None:
    with pytest.raises(PackgenError) as exc:
        guard.safe_out_dir(root, root / where, where)
    (diag,) = exc.value.diagnostics
    assert diag.code == "PG004" and diag.path is None
    assert diag.message.startswith(f"the output folder '{where}' {said}")
    assert diag.message.endswith("use --out build")


@pytest.mark.parametrize("where", ["build", "out/site", "../elsewhere"])
def test_an_output_folder_clear_of_the_sources_is_fine(root: Path, where: str) -> None:
    guard.safe_out_dir(root, root / where, where)


def test_a_link_into_the_sources_is_seen_through(root: Path) -> None:
    link = root.parent / "out"
    link.symlink_to(root / "content" / "modules", target_is_directory=True)
    with pytest.raises(PackgenError, match="inside the project's content/"):
        guard.safe_out_dir(root, link, "../out")


def test_a_source_folder_that_links_into_the_output_folder_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "build" / "p").mkdir(parents=True)
    (root / "content").symlink_to(root / "build" / "p", target_is_directory=True)
    with pytest.raises(PackgenError, match="holds the project's content/"):
        guard.safe_out_dir(root, root / "build", "build")


def test_a_nul_byte_in_the_output_folder_is_pg006(root: Path) -> None:
    with pytest.raises(PackgenError) as exc:
        guard.safe_out_dir(root, root / "bu\0ild", "bu\0ild")
    assert exc.value.diagnostics[0].code == "PG006"


def test_a_pack_id_too_long_for_its_file_names_names_the_pack_file() -> None:
    guard.check_pack_id("a" * guard.MAX_PACK_ID_BYTES, "content/packs/a.yaml")
    with pytest.raises(PackgenError) as exc:
        guard.check_pack_id("é" * 101, "content/packs/long.yaml")
    (diag,) = exc.value.diagnostics
    assert (diag.path, diag.code) == ("content/packs/long.yaml", "PG006")
    assert "202 bytes" in diag.message


def test_an_output_folder_in_a_link_loop_is_one_error(root: Path) -> None:
    (root / "l1").symlink_to(root / "l2")
    (root / "l2").symlink_to(root / "l1")
    with pytest.raises(PackgenError) as exc:
        guard.safe_out_dir(root, root / "l1" / "out", "l1/out")
    assert exc.value.diagnostics[0].code == "PG006"


def test_an_output_folder_that_cannot_be_made_is_one_error(root: Path) -> None:
    (root / "a-file").write_text("not a folder")
    with pytest.raises(PackgenError) as exc:
        guard.make_out_dir(root / "a-file" / "out", "a-file/out")
    (diag,) = exc.value.diagnostics
    assert diag.code == "PG006" and "'a-file/out' cannot be made" in diag.message
