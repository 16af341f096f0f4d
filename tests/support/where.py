"""Where the tests find the repository, its docs and the fixture projects, and how to copy one."""

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

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


def load_script(name: str) -> ModuleType:
    """Return the module of ``scripts/<name>.py``, loaded as the tests use its functions."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    script = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, script)  # dataclasses look their module up by name
    spec.loader.exec_module(script)
    return script
