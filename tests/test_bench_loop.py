"""The benchmark's catalogue is a real project, and its one edit rebuilds only its packs."""

from __future__ import annotations

from pathlib import Path

from reliability_support import run_packgen
from where import REPO, load_script


def test_the_catalogue_builds_and_an_edit_rebuilds_exactly_the_packs_using_it(
        tmp_path: Path) -> None:
    loop = load_script("bench_loop")
    root = loop.write_catalogue(REPO, tmp_path / "catalogue", 8)
    args = ("build", "--project", str(root), "--only", "deck", "--jobs", "2")
    first = run_packgen(*args, timeout=600)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "8 packs in build: 8 built" in first.stderr
    module = root / "content" / "modules" / f"{loop.EDITED}.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = run_packgen(*args, timeout=600)
    assert "8 packs in build: 2 built, 6 up to date" in second.stderr, second.stderr
