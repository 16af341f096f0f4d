"""The shipped packs give the same bytes from any checkout, wherever packgen itself lives."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from reliability_support import digests, run_packgen
from where import REPO

from packgen.paths import packaged_templates

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


def _sources(dest: Path) -> Path:
    """Return ``dest`` holding the shipped project's sources (never its build folder)."""
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, dest / name)
    if (REPO / "packgen.toml").is_file():
        shutil.copy2(REPO / "packgen.toml", dest / "packgen.toml")
    return dest


def _checkout(dest: Path) -> Path:
    """Return ``dest`` laid out as a git checkout with an editable install: the project's
    sources beside ``src/packgen``, the package packgen runs from."""
    package = packaged_templates().parent
    shutil.copytree(package, dest / "src" / "packgen",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return _sources(dest)


def _build(root: Path, out: Path, pythonpath: str | None = None) -> Path:
    env = {**EPOCH, "PYTHONPATH": pythonpath} if pythonpath else EPOCH
    done = run_packgen("build", "--project", str(root), "--out", str(out), "-q", env=env,
                       timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("checkouts")
    checkout = _checkout(base / "checkout")
    inside = os.pathsep.join(filter(None, [str(checkout / "src"), os.environ.get("PYTHONPATH")]))
    elsewhere = _sources(base / "somewhere" / "else")
    return (_build(checkout, base / "out-checkout", inside),
            _build(elsewhere, base / "out-elsewhere"))


def _manifests(out: Path) -> dict[str, dict]:
    return {p.parent.name: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(out.glob("*/manifest.json"))}


def test_a_checkout_holding_packgen_builds_the_same_bytes_as_a_copy_elsewhere(
        builds: tuple[Path, Path]) -> None:
    checkout, elsewhere = ({k: v for k, v in digests(out).items()
                            if not k.endswith("manifest.json")} for out in builds)
    assert checkout == elsewhere
    assert len(checkout) == 7 * 6  # 7 files a language version: 4 one-language packs, 1 of 2


def test_both_manifests_name_packaged_defaults_as_packaged_and_no_package_file(
        builds: tuple[Path, Path]) -> None:
    checkout, elsewhere = (_manifests(out) for out in builds)
    assert {k: m["inputs"] for k, m in checkout.items()} == \
        {k: m["inputs"] for k, m in elsewhere.items()}
    paths = {i["path"] for m in checkout.values() for i in m["inputs"]}
    assert "packgen:theme.yaml" in paths
    assert not [p for p in paths if p.startswith("src/") or "packgen/templates" in p]


def test_both_builds_record_the_same_cache_keys(builds: tuple[Path, Path]) -> None:
    checkout, elsewhere = (_manifests(out) for out in builds)
    assert {k: m["cache"] for k, m in checkout.items()} == \
        {k: m["cache"] for k, m in elsewhere.items()}


def test_a_projects_theme_reaches_the_word_guide_from_a_checkout_and_from_a_copy(
        tmp_path: Path) -> None:
    from docx import Document

    theme = "colours:\n  accent: \"#7A1F5C\"\nfonts:\n  heading: Atkinson Hyperlegible Next\n"
    built = {}
    for name, make in (("checkout", _checkout), ("copy", _sources)):
        root = make(tmp_path / name)
        (root / "templates" / "theme.yaml").write_text(theme, encoding="utf-8")
        inside = str(root / "src") if name == "checkout" else None
        env = {**EPOCH, "PYTHONPATH": inside} if inside else EPOCH
        done = run_packgen("build", "staff-intro", "--only", "guide", "--project", str(root),
                           "--out", str(tmp_path / f"out-{name}"), "-q", env=env, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
        built[name] = tmp_path / f"out-{name}" / "staff-intro" / "staff-intro-guide.docx"
    for path in built.values():
        heading = Document(str(path)).styles["Heading 1"]
        assert str(heading.font.color.rgb) == "7A1F5C"
    assert built["checkout"].read_bytes() == built["copy"].read_bytes()
