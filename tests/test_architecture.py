"""The architecture's nevers hold: imports point down the pipeline, each library has one home.

The contracts live in pyproject.toml (``[tool.importlinter]``) and are checked by import-linter;
these tests run it on the real tree, and on a copy with one violation planted per contract,
so a contract that has stopped catching anything fails too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from where import REPO

LINT = Path(sys.executable).parent / "lint-imports"


def lint(src: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter with the project's contracts on the package under ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run([str(LINT), "--config", str(REPO / "pyproject.toml"), "--no-cache"],
                          capture_output=True, text=True, check=False, cwd=src, env=env)


def test_every_import_contract_is_kept() -> None:
    result = lint(REPO / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


PLANTED = {
    "model/content.py": ("import yaml", "The model imports only the standard library"),
    "load/packs.py": ("import packgen.tailor.pack", "Imports point down the pipeline"),
    "views/handout.py": ("import packgen.rules.easy_read", "Imports point down the pipeline"),
    "rules/measure.py": ("import pptx", "python-pptx is used only in writers/pptx/"),
    "wording.py": ("import packgen.load.yamldoc", "The shared helpers at the top import"),
    "tailor/pack.py": ("import jinja2", "Jinja2 is used only in templating.py"),
    "writers/html/blocks.py": ("import packgen.builders", "Imports point down the pipeline"),
    "writers/docx/blocks.py": ("import packgen.writers.docx.guide",
                               "No import cycles between sibling modules"),
    "writers/html/assets.py": ("import typst", "The print engine is used only in writers/pdf/"),
    "output/staging.py": ("import filelock", "File locks are taken only in output/lock.py"),
    "api.py": ("import packgen.live", "Imports point down the pipeline"),
    "live/page.py": ("import watchfiles", "watchfiles is used only in live/changes.py"),
    "writers/pdf/data.py": ("import latex2mathml", "latex2mathml is used only in texmath.py"),
    "views/guide.py": ("import babel.dates", "Babel and gettext are used only in translations.py"),
    "translations.py": ("import packgen.views.languages", "The shared helpers at the top import"),
}
SHOWN = {"writers/docx/blocks.py": "No cycles are allowed in packgen.writers.docx."}
"""What the report names for a planted violation, where it is not the module's own name."""


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    src = tmp_path_factory.mktemp("src")
    shutil.copytree(REPO / "src" / "packgen", src / "packgen",
                    ignore=shutil.ignore_patterns("__pycache__", "templates"))
    for name, (line, _contract) in PLANTED.items():
        path = src / "packgen" / name
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # planted\n",
                        encoding="utf-8")
    return lint(src)


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_a_planted_violation_breaks_its_contract(broken, name: str) -> None:
    line, contract = PLANTED[name]
    module = "packgen." + name.removesuffix(".py").replace("/", ".")
    assert broken.returncode != 0
    verdicts = [ln for ln in broken.stdout.splitlines()
                if ln.startswith(contract) and ln.endswith(("KEPT", "BROKEN"))]
    assert len(verdicts) == 1 and verdicts[0].endswith("BROKEN"), broken.stdout
    shown = SHOWN.get(name, module)
    assert shown in broken.stdout, f"{module} ({line}) not reported:\n{broken.stdout}"
