"""Shared fixtures and helpers for the reliability tests (imported by the test modules)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path


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
