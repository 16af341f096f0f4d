"""Fixtures shared by every test folder."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from where import copy_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Return a fresh copy of the fixture project, safe to edit and build."""
    return copy_project(tmp_path / "project")


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
