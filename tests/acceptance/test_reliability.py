"""Builds are reproducible, atomic and careful with work done by hand."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from reliability_support import (
    digests,
    only_pack,
    run_packgen,
    standard_pack,
)
from where import copy_project

EPOCH = "1700000000"
EPOCH_ZIP = (2023, 11, 14, 22, 13, 20)
EPOCH_PDF = "D:20231114221320"
KINDS = {"deck", "guide", "handout"}


# --- fixtures ----------------------------------------------------------------------------


def _build(root: Path, out: Path, *extra: str, env: dict[str, str] | None = None,
           cwd: Path | None = None):  # noqa: ANN202
    return run_packgen("build", "--rebuild", "--project", str(root), "--out", str(out), *extra,
                       env={"SOURCE_DATE_EPOCH": "", **(env or {})}, cwd=cwd)


def _ok(done) -> None:  # noqa: ANN001
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Return a built copy of the fixture project and the digests of its build folder."""
    root = copy_project(tmp_path_factory.mktemp("first") / "project")
    _ok(_build(root, root / "build", env={"TZ": "UTC", "LC_ALL": "C", "PYTHONHASHSEED": "1"},
               cwd=root))
    return root, digests(root / "build")


@pytest.fixture
def built(tmp_path: Path, first_build: tuple[Path, dict[str, str]]) -> Path:
    """Return a fresh copy of the built fixture project (its build folder included)."""
    root = tmp_path / "project"
    shutil.copytree(first_build[0], root)
    return root


# --- same inputs, same bytes --------------------------------------------------------------


def test_first_build_writes_every_kind_for_every_pack(
        first_build: tuple[Path, dict[str, str]]) -> None:
    root, _ = first_build
    for folder in (root / "build").iterdir():
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        assert {o["kind"] for o in manifest["outputs"]} == KINDS
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            [o["path"] for o in manifest["outputs"]] + ["manifest.json"])


def test_a_rebuild_elsewhere_gives_identical_bytes(
        tmp_path: Path, first_build: tuple[Path, dict[str, str]]) -> None:
    """Another folder, working directory, time zone, locale and hash seed: the same bytes."""
    root = copy_project(tmp_path / "somewhere" / "else")
    out = tmp_path / "elsewhere-out"
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    env = {"TZ": "Pacific/Auckland", "LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "2"}
    _ok(_build(root, out, env=env, cwd=elsewhere))
    assert digests(out) == first_build[1]


def test_a_rebuild_in_place_gives_identical_bytes(
        built: Path, first_build: tuple[Path, dict[str, str]]) -> None:
    pack = standard_pack(built)
    _ok(_build(built, built / "build", pack, env={"TZ": "America/Los_Angeles"}))
    assert digests(built / "build") == first_build[1]


def test_source_date_epoch_stamps_every_output(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    only_pack(root, standard_pack(root))
    _ok(_build(root, tmp_path / "out", env={"SOURCE_DATE_EPOCH": EPOCH}))
    folder = next((tmp_path / "out").iterdir())
    for path in folder.iterdir():
        _STAMP_CHECKS.get(path.suffix, lambda _p: None)(path)


def _check_zip_stamps(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        assert {i.date_time for i in archive.infolist()} == {EPOCH_ZIP}, path.name
        core = archive.read("docProps/core.xml").decode("utf-8")
    stamps = set(re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", core))
    assert stamps == {"2023-11-14T22:13:20Z"}, (path.name, core)


def _check_pdf_stamps(path: Path) -> None:
    import pikepdf

    with pikepdf.open(path) as pdf:
        dates = {str(pdf.docinfo[k]) for k in ("/CreationDate", "/ModDate") if k in pdf.docinfo}
    assert dates and all(d.startswith(EPOCH_PDF) for d in dates), (path.name, dates)


_STAMP_CHECKS = {".pptx": _check_zip_stamps, ".docx": _check_zip_stamps,
                 ".pdf": _check_pdf_stamps}


def test_without_source_date_epoch_the_pack_date_is_stamped(
        first_build: tuple[Path, dict[str, str]]) -> None:
    root, _ = first_build
    pack = standard_pack(root)
    deck = Presentation(str(root / "build" / pack / f"{pack}-slides.pptx"))
    modified = deck.core_properties.modified
    assert modified.date() == _pack_date(root, pack)
    assert (modified.hour, modified.minute, modified.second) == (0, 0, 0)


def _pack_date(root: Path, pack: str) -> dt.date:
    import yaml

    text = (root / "content" / "packs" / f"{pack}.yaml").read_text(encoding="utf-8")
    return dt.date.fromisoformat(str(yaml.safe_load(text)["date"]))


def test_windows_line_ends_and_byte_order_marks_build_the_same_deck(
        tmp_path: Path, first_build: tuple[Path, dict[str, str]]) -> None:
    root = copy_project(tmp_path / "project")
    for path in [*root.glob("content/**/*.md"), *root.glob("content/**/*.yaml")]:
        text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    _ok(_build(root, root / "build", "--only", "deck"))
    decks = {k: v for k, v in digests(root / "build").items() if k.endswith(".pptx")}
    assert decks == {k: v for k, v in first_build[1].items() if k.endswith(".pptx")}


# --- failures keep the last good outputs ---------------------------------------------------


def test_a_failed_build_keeps_the_previous_outputs_and_says_so(built: Path) -> None:
    before = digests(built / "build")
    pack = standard_pack(built)
    module = _first_used_module(built, pack)
    module.write_text(module.read_text(encoding="utf-8") + "\n\nHi {{ no_such_name }}\n",
                      encoding="utf-8")
    done = _build(built, built / "build")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{module.relative_to(built).as_posix()}:" in done.stdout
    assert "previous outputs stay in build/" in done.stdout
    assert digests(built / "build") == before
    assert not list((built / "build").glob(".*"))


def _first_used_module(root: Path, pack: str) -> Path:
    import yaml

    data = yaml.safe_load((root / "content" / "packs" / f"{pack}.yaml").read_text("utf-8"))
    for path in sorted((root / "content" / "modules").glob("*.md")):
        front = path.read_text(encoding="utf-8").split("---")[1]
        if (yaml.safe_load(front) or {}).get("id", path.stem) == data["modules"][0]:
            return path
    raise AssertionError("no module file for the pack's first module")


def test_a_hand_edited_output_is_not_replaced_without_force(built: Path) -> None:
    pack = standard_pack(built)
    deck = built / "build" / pack / f"{pack}-slides.pptx"
    edited = deck.read_bytes() + b"trainer's edit"
    deck.write_bytes(edited)
    done = _build(built, built / "build", pack)
    assert done.returncode == 1
    rel = f"build/{pack}/{pack}-slides.pptx"
    errors = [ln for ln in (done.stdout + done.stderr).splitlines() if ": error: " in ln]
    assert len(errors) == 1 and errors[0].startswith(f"{rel}: error:"), done.stderr
    assert "--force" in errors[0]
    assert deck.read_bytes() == edited


def test_force_replaces_a_hand_edited_output(built: Path) -> None:
    pack = standard_pack(built)
    deck = built / "build" / pack / f"{pack}-slides.pptx"
    deck.write_bytes(deck.read_bytes() + b"trainer's edit")
    _ok(_build(built, built / "build", pack, "--force", "--only", "deck"))
    manifest = json.loads((deck.parent / "manifest.json").read_text(encoding="utf-8"))
    listed = {o["path"]: o["sha256"] for o in manifest["outputs"]}
    assert digests(deck.parent)[deck.name] == listed[deck.name]


def test_only_deck_keeps_the_other_kinds_listed(built: Path) -> None:
    pack = standard_pack(built)
    folder = built / "build" / pack
    before = digests(folder)
    pack_file = built / "content" / "packs" / f"{pack}.yaml"
    pack_file.write_text(pack_file.read_text(encoding="utf-8").replace(
        "title: ", "title: Revised ", 1), encoding="utf-8")
    _ok(_build(built, built / "build", pack, "--only", "deck"))
    after = digests(folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert {o["kind"] for o in manifest["outputs"]} == KINDS
    for output in manifest["outputs"]:
        assert after[output["path"]] == output["sha256"]
        changed = before[output["path"]] != output["sha256"]
        assert changed == (output["kind"] == "deck"), output


# --- killed builds -------------------------------------------------------------------------


def _staging(out: Path, pack: str) -> list[Path]:
    return sorted(out.glob(f".{pack}.staging-*"))


def _staged(out: Path, pack: str, name: str) -> bool:
    return any((s / name).exists() for s in _staging(out, pack))


def _kill_points(pack: str) -> dict[str, object]:
    """Moments to kill a build at: each a test on the output folder."""
    return {
        "staging-created": lambda out: bool(_staging(out, pack)),
        "deck-written": lambda out: _staged(out, pack, f"{pack}-slides.pptx"),
        "guide-pdf-written": lambda out: _staged(out, pack, f"{pack}-guide.pdf"),
    }


def _start_and_kill(root: Path, out: Path, ready, limit: float = 120) -> str:  # noqa: ANN001
    """Start a build, SIGKILL it as soon as ``ready(out)`` holds; return what happened."""
    import os
    import signal
    import subprocess
    import sys
    import time

    env = {**os.environ, "SOURCE_DATE_EPOCH": ""}
    child = subprocess.Popen([sys.executable, "-m", "packgen", "build", "--rebuild",
                              "--project", str(root),
                              "--out", str(out)], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + limit
    while child.poll() is None and time.monotonic() < deadline:
        if ready(out):
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
            return "killed"
        time.sleep(0.002)
    if child.poll() is None:
        child.kill()
    child.wait()
    return "finished"


def _assert_consistent(folder: Path, old: dict[str, str]) -> None:
    """The pack folder holds either the old outputs or a complete new build, never a mix."""
    files = digests(folder)
    if files == old:
        return
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = {o["path"]: o["sha256"] for o in manifest["outputs"]}
    assert set(files) == set(listed) | {"manifest.json"}
    assert all(files[path] == digest for path, digest in listed.items())
    assert {o["kind"] for o in manifest["outputs"]} == KINDS


def test_a_killed_build_leaves_the_previous_outputs_intact(built: Path) -> None:
    pack = standard_pack(built)
    only_pack(built, pack)
    out = built / "build"
    shutil.rmtree(out / next(p.name for p in out.iterdir() if p.name != pack))
    old = digests(out / pack)
    pack_file = built / "content" / "packs" / f"{pack}.yaml"
    pack_file.write_text(pack_file.read_text(encoding="utf-8").replace(
        "title: ", "title: Revised ", 1), encoding="utf-8")
    outcomes = {}
    for name, ready in _kill_points(pack).items():
        outcomes[name] = _start_and_kill(built, out, ready)
        _assert_consistent(out / pack, old)
        assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == {pack}
    assert outcomes["staging-created"] == "killed", outcomes
    assert outcomes["deck-written"] == "killed", outcomes
    _ok(_build(built, out))
    assert sorted(p.name for p in out.iterdir()) == [pack], "leftovers were not cleaned"
    _assert_consistent(out / pack, {})



def test_a_file_packgen_did_not_write_is_not_deleted_without_force(built: Path) -> None:
    pack = standard_pack(built)
    mine = built / "build" / pack / "my-own-notes.docx"
    mine.write_bytes(b"a trainer's own work")
    done = _build(built, built / "build", pack, "--only", "deck")
    assert mine.read_bytes() == b"a trainer's own work"
    assert done.returncode == 1
    errors = [ln for ln in (done.stdout + done.stderr).splitlines() if ": error: " in ln]
    assert len(errors) == 1 and errors[0].startswith(f"build/{pack}/my-own-notes.docx:")


def test_a_folder_packgen_did_not_make_is_not_replaced(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    pack = standard_pack(root)
    only_pack(root, pack)
    theirs = tmp_path / "out" / pack / "thesis.docx"
    theirs.parent.mkdir(parents=True)
    theirs.write_bytes(b"months of work")
    done = _build(root, tmp_path / "out", "--only", "deck")
    assert theirs.read_bytes() == b"months of work"
    assert done.returncode == 1
