"""The workshop packs the project ships build cleanly under --strict, as CI builds them."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from where import REPO

from packgen.api import tailored
from packgen.load.project import load_project
from packgen.model import TailoredPack
from packgen.paths import output_name
from packgen.tailor.pack import tailor_versions
from packgen.tailor.slideplan import plan

ROOT = REPO
PACKS = sorted(p.stem for p in (ROOT / "content" / "packs").glob("*.yaml"))


def _packgen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "packgen", *args, "--project", str(ROOT)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shipped")
    done = _packgen("build", "--strict", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert [ln for ln in (done.stdout + done.stderr).splitlines() if ": warning: " in ln or ": error: " in ln] == []
    return out


def test_the_three_workshop_packs_and_the_welsh_ones_are_shipped() -> None:
    assert PACKS == ["council-and-citizens", "self-advocates-bilingual", "self-advocates-cy",
                     "self-advocates-easy-read", "staff-intro"]


def _versions(pack: str) -> list[tuple[TailoredPack, str]]:
    """Return each language version of a shipped pack with its deck's file name."""
    project, _ = load_project(ROOT)
    versions, _ = tailor_versions(project, pack, dt.datetime(2026, 1, 1))
    return [(tp, output_name(pack, "deck", "pptx", tp.file_language)) for tp in versions]


@pytest.mark.parametrize("pack", PACKS)
def test_each_pack_builds_every_output_and_lists_it_in_the_manifest(built: Path, pack: str):
    manifest = json.loads((built / pack / "manifest.json").read_text(encoding="utf-8"))
    versions = _versions(pack)
    kinds = sorted((o["kind"], o["format"], o.get("language")) for o in manifest["outputs"])
    assert kinds == sorted((kind, fmt, tp.language) for tp, _ in versions for kind, fmt in (
        ("deck", "pptx"), ("guide", "docx"), ("guide", "html"), ("guide", "pdf"),
        ("handout", "docx"), ("handout", "html"), ("handout", "pdf")))
    assert all((built / pack / o["path"]).is_file() for o in manifest["outputs"])
    assert manifest["language"] == versions[0][0].language


@pytest.mark.parametrize("pack", PACKS)
def test_each_deck_has_the_planned_slides_with_unique_titles(built: Path, pack: str) -> None:
    for tp, name in _versions(pack):
        planned = plan(tp)
        deck = Presentation(str(built / pack / name))
        titles = [s.shapes.title.text_frame.text.replace("\u2019", "'") for s in deck.slides]
        wanted = [p.title.replace("\u2019", "'") or titles[p.number - 1] for p in planned]
        assert titles == wanted  # apostrophes compared plain: the deck's are typographic
        content = [t for t, p in zip(titles, planned, strict=True) if p.kind != "section"]
        assert len(set(content)) == len(content)


@pytest.mark.parametrize("pack", PACKS)
def test_modules_and_breaks_fill_each_slot_without_running_over(pack: str) -> None:
    tp, _ = tailored(ROOT, pack)
    used = tp.timetable.total
    assert used <= tp.pack.slot
    assert used >= 0.85 * tp.pack.slot


def test_check_is_clean_and_its_json_has_the_documented_shape() -> None:
    done = _packgen("check", "--strict", "--format", "json")
    assert done.returncode == 0, done.stderr
    findings = json.loads(done.stdout)
    assert isinstance(findings, list)
    for finding in findings:
        assert set(finding) == {"path", "line", "severity", "code", "message"}
        assert finding["severity"] == "info"
        assert isinstance(finding["path"], str) and isinstance(finding["message"], str)
        assert finding["line"] is None or isinstance(finding["line"], int)


def test_every_space_in_the_model_has_a_picture_and_a_theme_colour() -> None:
    project, _ = load_project(ROOT)
    assert [s.id for s in project.spaces] == ["my-space", "your-space", "shared-space"]
    for space in project.spaces:
        assert space.picture is not None and space.picture.alt
        assert project.theme.colour(space.colour).startswith("#")
