"""Build a project's chosen packs: load it (or find it unchanged), choose and shard the
packs, build each, and record those that cannot be built, with the reason."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from packgen.errors import Diagnostic, PackgenError, error
from packgen.model import Project
from packgen.output import cache, guard, orphans
from packgen.output.building import Known, PackResult, Run, build_pack, failure_reason, not_built
from packgen.output.events import FAILED, UP_TO_DATE, Event, OnEvent, ignore
from packgen.output.pool import build_packs
from packgen.output.shards import in_shard
from packgen.output.unchanged import unchanged_pack
from packgen.paths import relative
from packgen.report import Case

if TYPE_CHECKING:
    from packgen.load.project import Loaded

NO_PROJECT = "PG012"
NO_PACKS = "PG013"
UNKNOWN_PACK = "PG014"


@dataclass
class BuildResult:
    """Every finding and every pack's outcome, for the CLI to print."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    packs: list[PackResult] = field(default_factory=list)

    @property
    def failed(self) -> list[str]:
        """Return the ids of packs that were not built."""
        return [p.pack_id for p in self.packs if not p.ok]

    def cases(self) -> tuple[Case, ...]:
        """Return each pack's outcome as the per-pack report formats show it."""
        return tuple(Case(p.pack_id, p.status, p.reason, tuple(p.findings),
                          sum(p.seconds.values())) for p in self.packs)


@dataclass(frozen=True, slots=True)
class Choice:
    """How the packs of a build are chosen and followed: the shard, ``--prune``, the
    listener, and whether the cache may skip loading the project."""

    shard: tuple[int, int] | None = None
    prune: bool = False
    on_event: OnEvent = ignore
    cached: bool = False


def build_project(root: Path, pack_ids: Sequence[str], out_dir: Path | None, run: Run,
                  choice: Choice) -> BuildResult:
    """Build ``run`` of the chosen packs (all when none) of the project at ``root`` into
    ``out_dir`` (default ``root/build``); a folder the outputs may not go to raises."""
    root = root.resolve()
    given = str(out_dir) if out_dir is not None else "build"
    out = guard.safe_out_dir(root, out_dir if out_dir is not None else root / "build", given)
    tree = cache.tree_digest(root) if choice.cached else ""
    result = _unchanged(root, pack_ids, out, run, choice, tree) if choice.cached else None
    if result is None:
        result = _load_and_build(root, pack_ids, (out, given), run, choice, tree)
    if choice.cached:
        result.diagnostics += _orphans(root, out, choice.prune)
    return result


def _load_and_build(root: Path, pack_ids: Sequence[str], where: tuple[Path, str], run: Run,
                    choice: Choice, tree: str) -> BuildResult:
    from packgen.builders.jobs import preload
    from packgen.views.handout import DETAIL_PICTURES, picture_alts

    out, given = where
    try:
        loaded, result = load_project(root)
    except PackgenError as exc:
        return _unloaded(root, pack_ids, out, exc.diagnostics, choice)
    chosen = in_shard(chosen_packs(loaded, pack_ids), choice.shard)
    choice.on_event(Event("", "plan", total=len(chosen)))
    project = loaded.project
    if any(p not in loaded.pack_errors for p in chosen):
        guard.make_out_dir(out, given)
    details = tuple(f"content/images/{name}" for name, _alt in DETAIL_PICTURES.values())
    known = Known(tree, loaded.diagnostics, picture_alts(project), details)
    buildable = [p for p in chosen if p not in loaded.pack_errors]
    workers = min(run.jobs, len(buildable)) if run.jobs > 1 else 0
    # Each pack's deck and documents are written by two processes even when packs are built
    # side by side: no process then holds python-pptx, python-docx and the print engine at
    # once (about 180 MB at most, against 200 MB), for the same time on two cores.
    each = replace(run, jobs=min(run.jobs, 2)) if workers > 1 else run
    if workers > 1:
        preload(run.kinds)  # every worker forked from here starts with the writers loaded
    outcomes = build_packs(buildable, partial(_build_pack, project, out, each, known),
                           workers, choice.on_event)
    built = dict(zip(buildable, outcomes, strict=True))
    for pack_id in chosen:
        if pack_id in loaded.pack_errors:
            pack = broken_pack(loaded, pack_id, out, result.diagnostics, run.kept)
            result.packs.append(pack)
            choice.on_event(Event(pack_id, "done", status=FAILED, reason=pack.reason))
            continue
        pack, findings = built[pack_id]
        result.packs.append(pack)
        result.diagnostics.extend(findings)
    return result


def _build_pack(project: Project, out: Path, run: Run, known: Known, pack_id: str,
                emit: OnEvent) -> tuple[PackResult, list[Diagnostic]]:
    return build_pack(project, pack_id, out, run, known, emit)


def _unchanged(root: Path, pack_ids: Sequence[str], out: Path, run: Run, choice: Choice,
               tree: str) -> BuildResult | None:
    """Return the result of a build that finds every chosen pack up to date without loading
    the project (its coarse digest is the one each manifest recorded), or None."""
    every = _pack_files(root)
    if any(p not in every for p in pack_ids):
        return None
    chosen = in_shard(list(dict.fromkeys(pack_ids)) or every, choice.shard)
    found = [unchanged_pack(root, out, pack_id, run, tree) for pack_id in chosen]
    if not chosen or any(f is None for f in found):
        return None
    choice.on_event(Event("", "plan", total=len(chosen)))
    result = BuildResult(diagnostics=list(found[0][2].loading))  # type: ignore[index]
    for pack, findings, _stored in found:  # type: ignore[misc]
        result.packs.append(pack)
        result.diagnostics.extend(findings)
        choice.on_event(Event(pack.pack_id, "done", seconds=0.0, status=UP_TO_DATE))
    return result


def _pack_files(root: Path) -> list[str]:
    folder = root / "content" / "packs"
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(n[:-5] for n in names if n.endswith(".yaml") and not n.startswith("."))


def _orphans(root: Path, out: Path, prune: bool) -> list[Diagnostic]:
    names = orphans.orphans(out, set(_pack_files(root)))
    display = relative(root, out, follow_links=False)
    problems = [orphans.prune(out, name) for name in names] if prune else []
    failed = [d for d in problems if d is not None]
    shown = [replace(d, path=f"{display}/{d.path}") for d in failed]
    pruned = [n for n in names if n not in {d.path for d in failed}]
    return orphans.report(pruned if prune else names, display, prune) + shown


def broken_pack(loaded: Loaded, pack_id: str, out: Path, sink: list[Diagnostic],
                kept: bool) -> PackResult:
    """Return the result of a pack that failed to load, its findings added to ``sink``.

    The case keeps every error that stopped the pack; ``sink`` gets only those loading has
    not reported already (a broken module's errors are among the project's findings, for
    every pack that uses it), so each finding is listed once.
    """
    own: list[Diagnostic] = []
    pack = not_built(loaded.project.root, PackResult(pack_id, out / pack_id),
                     loaded.pack_errors[pack_id], own, kept)
    pack.findings = own
    reported = set(loaded.diagnostics)
    sink.extend(d for d in own if d not in reported)
    return pack


def _unloaded(root: Path, pack_ids: Sequence[str], out: Path,
              diagnostics: Sequence[Diagnostic], choice: Choice) -> BuildResult:
    """Return the result of a build whose project cannot be loaded: every chosen pack failed
    for the same reason (a problem in a file they all read)."""
    every = _pack_files(root)
    unknown = _unknown(pack_ids, every)
    chosen = in_shard([p for p in dict.fromkeys(pack_ids) if p in every] or
                      ([] if pack_ids else every), choice.shard)
    choice.on_event(Event("", "plan", total=len(chosen)))
    result = BuildResult([*unknown, *diagnostics])
    reason = failure_reason(diagnostics)
    for pack_id in chosen:
        result.packs.append(PackResult(pack_id, out / pack_id, ok=False, status=FAILED,
                                       reason=reason, findings=list(diagnostics)))
        choice.on_event(Event(pack_id, "done", status=FAILED, reason=reason))
    return result


# --- loading -----------------------------------------------------------------------------


def load_project(root: Path) -> tuple[Loaded, BuildResult]:
    """Return the project at ``root`` loaded, and a result holding what loading found."""
    if not root.is_dir():
        raise PackgenError(f"project folder not found: {root}", code=NO_PROJECT)
    from packgen.load.project import load

    loaded = load(root)
    return loaded, BuildResult(diagnostics=list(loaded.diagnostics))


def chosen_packs(loaded: Loaded, pack_ids: Sequence[str]) -> list[str]:
    """Return the packs ``pack_ids`` names, once each (every pack when none); no pack at
    all, or one that does not exist, raises."""
    every = sorted({*loaded.project.packs, *loaded.pack_errors})
    if not pack_ids:
        if not every:
            raise PackgenError("no packs found: add one to content/packs/", "content/packs",
                               code=NO_PACKS)
        return every
    unknown = _unknown(pack_ids, every)
    if unknown:
        raise PackgenError.many(unknown)
    return list(dict.fromkeys(pack_ids))


def _unknown(pack_ids: Sequence[str], every: Sequence[str]) -> list[Diagnostic]:
    known = ", ".join(every) or "none"
    return [error(f"no pack '{p}' (known packs: {known})", "content/packs", code=UNKNOWN_PACK)
            for p in pack_ids if p not in every]
