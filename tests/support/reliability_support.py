"""Shared fixtures and helpers for the reliability tests (imported by the test modules)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from where import FIXTURES

FIXTURE = FIXTURES / "project"


@pytest.fixture(scope="session")
def zip_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a real deck template whose presentation part inflates to over 1 GiB."""
    from packgen.paths import packaged_templates

    path = tmp_path_factory.mktemp("bomb") / "deck.pptx"
    source = packaged_templates() / "deck.pptx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(
            path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for item in src.infolist():
            if item.filename != "ppt/presentation.xml":
                archive.writestr(item.filename, src.read(item.filename))
                continue
            with archive.open(item.filename, "w", force_zip64=True) as member:
                member.write(src.read(item.filename))
                padding = b" " * (16 << 20)
                for _ in range(66):
                    member.write(padding)
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Return a fresh copy of the fixture project."""
    if not (FIXTURE / "content").is_dir():
        pytest.skip("fixture project not there yet")
    dest = tmp_path / "project"
    shutil.copytree(FIXTURE, dest, ignore=shutil.ignore_patterns("build"))
    return dest


def run_packgen(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
                timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python -m packgen ARGS`` and return the finished process (text output)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "packgen", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


def digests(folder: Path) -> dict[str, str]:
    """Return the sha256 of every file under ``folder``, by relative posix path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def first_pack(root: Path) -> str:
    """Return the id of the project's first pack (sorted by name)."""
    return sorted(p.stem for p in (root / "content" / "packs").glob("*.yaml"))[0]


def pack_ids(root: Path) -> list[str]:
    """Return the ids of the project's packs."""
    return sorted(p.stem for p in (root / "content" / "packs").glob("*.yaml"))


def standard_pack(root: Path) -> str:
    """Return the id of the first pack with a standard (not easy-read) deck."""
    import yaml

    for pack_id in pack_ids(root):
        text = (root / "content" / "packs" / f"{pack_id}.yaml").read_text(encoding="utf-8-sig")
        if (yaml.safe_load(text) or {}).get("deck_style", "standard") == "standard":
            return pack_id
    raise AssertionError("the fixture project has no standard-style pack")


def only_pack(root: Path, keep: str) -> None:
    """Delete every pack file of the project but ``keep``."""
    for path in (root / "content" / "packs").glob("*.yaml"):
        if path.stem != keep:
            path.unlink()


def first_module(root: Path) -> Path:
    """Return the path of the project's first module file."""
    return sorted((root / "content" / "modules").glob("*.md"))[0]
