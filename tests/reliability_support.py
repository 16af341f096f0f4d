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

FIXTURE = Path(__file__).parent / "fixtures" / "project"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def zip_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a small .pptx-named zip with a member that inflates to over 1 GiB."""
    path = tmp_path_factory.mktemp("bomb") / "deck.pptx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<presentation/>")
        with archive.open("ppt/media/image1.png", "w", force_zip64=True) as member:
            chunk = bytes(16 << 20)
            for _ in range(66):
                member.write(chunk)
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


def first_module(root: Path) -> Path:
    """Return the path of the project's first module file."""
    return sorted((root / "content" / "modules").glob("*.md"))[0]
