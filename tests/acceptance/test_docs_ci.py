"""The GitHub Actions matrix workflow in docs/ci.md is valid and its shards build every pack."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml
from reliability_support import pack_ids, run_packgen
from where import REPO


def workflow() -> dict:
    """Return the workflow that docs/ci.md shows, parsed."""
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "matrix" in b]
    return yaml.safe_load(block)


def _build_step(job: dict) -> str:
    (step,) = [s["run"] for s in job["steps"] if "packgen build" in s.get("run", "")]
    return step


def test_the_workflow_has_a_matrix_of_shards_each_caching_its_own_build_folder() -> None:
    job = workflow()["jobs"]["build"]
    shards = job["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, len(shards) + 1))
    command = _build_step(job)
    assert f"--shard ${{{{ matrix.shard }}}}/{len(shards)}" in command
    assert "--strict" in command
    (cache,) = [s for s in job["steps"] if s.get("uses", "").startswith("actions/cache@")]
    assert cache["with"]["path"] == "build"
    assert "${{ matrix.shard }}" in cache["with"]["key"]


def test_the_workflows_shards_together_build_every_pack_once(project: Path) -> None:
    job = workflow()["jobs"]["build"]
    built: list[str] = []
    for shard in job["strategy"]["matrix"]["shard"]:
        command = _build_step(job).replace("${{ matrix.shard }}", str(shard))
        args = shlex.split(command)
        assert args[:2] == ["packgen", "build"]
        done = run_packgen(*args[1:], "--only", "deck", cwd=project, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        built += [ln.split()[1].rstrip(":") for ln in done.stderr.splitlines()
                  if ln.split()[:1] == ["built"]]
    assert sorted(built) == pack_ids(project)
