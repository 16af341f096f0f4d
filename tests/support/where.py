"""Where the tests find the repository, its docs and the fixture projects, and how to copy one."""

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
"""The repository's root folder."""
FIXTURES = REPO / "tests" / "fixtures"
"""Fixture files: a small project, a rules project and Markdown cases."""
FIXTURE_PROJECT = FIXTURES / "project"
"""The small project most tests build: three modules, two packs, a theme, packgen.toml."""


def copy_project(dest: Path, source: Path = FIXTURE_PROJECT) -> Path:
    """Return ``dest`` holding a fresh copy of a fixture project (never its build folder)."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("build"))
    return dest
