"""Time the loop people live in: rebuilds with nothing changed, a catalogue of packs, one edit.

Run by ``scripts/bench.py`` (``make bench``), after its single-pack figures:

* the shipped project's three packs rebuilt with nothing changed (``packgen build`` after one
  build), alternating with Pandoc's pptx of the benchmark's 40-slide module: target at most
  1.0x Pandoc's one deck;
* a generated catalogue of 25 and of 100 packs (the shipped modules, each pack a tailored copy
  of ``staff-intro``), built cold with ``--jobs 2``: the cost per pack must stay the same (at
  most 1.25x from 25 to 100 packs) and no process may peak over 200 MB;
* one module edited in the 100-pack catalogue: only the packs that use it are built again.
"""

from __future__ import annotations

import re
import shutil
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

UNCHANGED_TARGET = 1.0
"""A rebuild of every shipped pack with nothing changed, against Pandoc's one deck."""
LINEAR_TARGET = 1.25
"""Seconds per pack at 100 packs over seconds per pack at 25."""
MEMORY_TARGET = 200.0
"""Megabytes any one process may peak at while building the catalogue."""
EDITED = "scenario-sort"
"""The module edited in the catalogue; every fourth pack uses it."""

Runner = Callable[[list[str], Path], object]


@dataclass(frozen=True)
class Loop:
    """The loop's figures, for the benchmark's table."""

    unchanged: float
    pandoc: float | None
    catalogue: dict[int, tuple[float, float]]
    """Packs to (seconds, peak MiB of any process) for a cold build."""
    edit_seconds: float
    edit_built: int
    edit_expected: int
    ok: bool
    detail: str = ""


def measure(repo: Path, work: Path, packgen: list[str], pandoc_pptx: list[str] | None,
            pairs: int, run_once: Runner) -> Loop:
    """Return every figure of the loop, measured in folders under ``work``."""
    shipped = _copy_content(repo, work / "shipped")
    first = run_once(packgen + _build(shipped), shipped)
    if not first.ok:  # type: ignore[attr-defined]
        return Loop(0, None, {}, 0, 0, 0, False, first.detail)  # type: ignore[attr-defined]
    ours, theirs = [], []
    for _ in range(pairs):
        ours.append(run_once(packgen + _build(shipped), shipped).seconds)  # type: ignore[attr-defined]
        if pandoc_pptx:
            theirs.append(run_once(pandoc_pptx, work).seconds)  # type: ignore[attr-defined]
    catalogue = {}
    for count in (25, 100):
        root = write_catalogue(repo, work / f"catalogue-{count}", count)
        run = run_once(packgen + _build(root, "--jobs", "2"), root)
        if not run.ok:  # type: ignore[attr-defined]
            return Loop(0, None, {}, 0, 0, 0, False, run.detail)  # type: ignore[attr-defined]
        catalogue[count] = (run.seconds, run.peak_mib)  # type: ignore[attr-defined]
    edit = _edit_one_module(root, packgen, run_once)
    return Loop(statistics.median(ours), statistics.median(theirs) if theirs else None,
                catalogue, *edit, ok=True)


def write_catalogue(repo: Path, root: Path, count: int) -> Path:
    """Write a project of the shipped modules and ``count`` packs; every fourth pack swaps
    the mapping activity for ``EDITED``."""
    _copy_content(repo, root)
    packs = root / "content" / "packs"
    base = (repo / "content" / "packs" / "staff-intro.yaml").read_text(encoding="utf-8")
    for path in packs.glob("*.yaml"):
        path.unlink()
    for n in range(count):
        text = base.replace('title: "Talking coproduction: who holds the power?"',
                            f'title: "Talking coproduction, group {n + 1}"')
        text = re.sub(r"date: 2026-10-\d\d", f"date: 2026-11-{n % 28 + 1:02d}", text)
        if n % 4 == 0:
            text = text.replace("  - mapping-activity\n", f"  - {EDITED}\n")
            text = text.replace("slot: 90", "slot: 100")
        (packs / f"group-{n + 1:03d}.yaml").write_text(text, encoding="utf-8")
    return root


def _edit_one_module(root: Path, packgen: list[str], run_once: Runner
                     ) -> tuple[float, int, int]:
    module = root / "content" / "modules" / f"{EDITED}.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    run = run_once(packgen + _build(root, "--jobs", "2"), root)
    built = sum(1 for line in run.stderr.splitlines()  # type: ignore[attr-defined]
                if line.split()[:1] == ["built"])
    expected = len(list((root / "content" / "packs").glob("*.yaml"))) // 4
    return run.seconds, built, expected  # type: ignore[attr-defined]


def _copy_content(repo: Path, root: Path) -> Path:
    shutil.copytree(repo / "content", root / "content")
    return root


def _build(root: Path, *extra: str) -> list[str]:
    return ["build", "--project", str(root), "--out", str(root / "build"), *extra]


def print_loop(loop: Loop) -> bool:
    """Print the loop's targets; return True when every one is met."""
    if not loop.ok:
        print(f"loop benchmark failed: {loop.detail}")
        return False
    ratio = loop.unchanged / loop.pandoc if loop.pandoc else None
    rows = [("3 shipped packs, nothing changed (pandoc: 1 pptx)", loop.unchanged, loop.pandoc,
             ratio, f"<= {UNCHANGED_TARGET:.1f}x",
             ratio is not None and ratio <= UNCHANGED_TARGET)]
    (small, (s_small, m_small)), (big, (s_big, m_big)) = sorted(loop.catalogue.items())
    growth = (s_big / big) / (s_small / small)
    rows.append((f"catalogue, {small} packs cold, --jobs 2", s_small, None, None, "", True))
    rows.append((f"catalogue, {big} packs cold, --jobs 2", s_big, None, growth,
                 f"<= {LINEAR_TARGET:.2f}", growth <= LINEAR_TARGET))
    peak = max(m_small, m_big)
    rows.append(("peak memory of any process (MiB)", peak, None, None,
                 f"<= {MEMORY_TARGET:.0f}", peak <= MEMORY_TARGET))
    edited = loop.edit_built == loop.edit_expected
    rows.append((f"one module edited: {loop.edit_built} of {big} packs built "
                 f"({loop.edit_expected} use it)", loop.edit_seconds, None, None, "exact",
                 edited))
    print(f"{'loop target':<58} {'packgen':>8} {'pandoc':>7} {'ratio':>6}  {'goal':>8}  met")
    for label, ours, theirs, rate, goal, met in rows:
        print(f"{label:<58} {ours:>8.2f} {_num(theirs, 7)} {_num(rate, 6)}  {goal:>8}"
              f"  {'yes' if met else 'no'}")
    print("catalogue ratio = seconds per pack at the larger size over the smaller; seconds are"
          " wall time")
    return all(met for *_rest, met in rows)


def _num(value: float | None, width: int) -> str:
    return f"{value:>{width}.2f}" if value is not None else " " * width
