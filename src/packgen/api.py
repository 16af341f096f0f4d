"""The library entry points the CLI calls: build, check, list packs; inspect templates and decks."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from packgen.builders import BUILDERS
from packgen.errors import Diagnostic, PackgenError, error
from packgen.model import Project, SlideOutline, TailoredPack
from packgen.output import cache, guard, orphans
from packgen.output.building import Known, PackResult, Run, build_pack, not_built
from packgen.output.events import FAILED, UP_TO_DATE, Event, OnEvent, ignore
from packgen.output.failures import temporary_failure
from packgen.output.pool import build_packs
from packgen.output.reproducible import build_time
from packgen.output.shards import in_shard
from packgen.output.unchanged import unchanged_pack
from packgen.paths import find_template, relative

if TYPE_CHECKING:
    from packgen.load.project import Loaded
    from packgen.rules.template import TemplateReport


@dataclass
class BuildResult:
    """Every finding and every pack's outcome, for the CLI to print."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    packs: list[PackResult] = field(default_factory=list)

    @property
    def failed(self) -> list[str]:
        """Return the ids of packs that were not built."""
        return [p.pack_id for p in self.packs if not p.ok]


def build(root: Path, pack_ids: Sequence[str] = (), out_dir: Path | None = None,
          kinds: Sequence[str] = (), force: bool = False, jobs: int | None = None, *,
          rebuild: bool = False, shard: tuple[int, int] | None = None, prune: bool = False,
          on_event: OnEvent = ignore) -> BuildResult:
    """Build the chosen packs (all when none) of the project at ``root`` into ``out_dir``.

    Each pack is built in a staging folder and swapped in only when complete; a pack with an
    error keeps its previous outputs. A kind whose inputs, options and files are as they were
    is not written again, and the findings it had are reported again (``rebuild`` writes
    everything). Findings of every pack are gathered in the result, in pack order: those of
    the rules about the kinds being built (the easy-read rules only with the handout or an
    easy-read deck). ``jobs`` processes (default: one per core) build packs side by side, or
    a single pack's kinds; the outputs are the same with any number. ``shard`` ``(i, n)``
    builds only the i-th of n stable shards of the packs. Folders of packs that no longer
    exist are reported, and removed with ``prune``. ``on_event`` hears each step as it
    happens.
    """
    from packgen.builders.jobs import available_jobs

    chosen = tuple(kinds) or tuple(BUILDERS)
    count = available_jobs() if jobs is None else jobs
    run = Run(chosen, chosen, force, count, rebuild)
    return _build(root, pack_ids, out_dir, run, _Choice(shard, prune, on_event, cached=True))


def check(root: Path, pack_ids: Sequence[str] = ()) -> BuildResult:
    """Run every rule on the chosen packs without keeping any output.

    The deck is built in a temporary folder (the overflow rule reads it); a temporary folder
    that cannot be made or written is one PG006 finding.
    """
    try:
        with tempfile.TemporaryDirectory(prefix="packgen-check-") as tmp:
            run = Run(("deck",), tuple(BUILDERS), True, 1, rebuild=True)
            return _build(root, pack_ids, Path(tmp), run, _Choice())
    except OSError as exc:
        raise temporary_failure(exc) from None


def list_project(root: Path) -> Project:
    """Return the loaded project, for listing modules and packs."""
    loaded, _result = _load(root.resolve())
    if loaded.pack_errors:
        raise PackgenError.many([d for ds in loaded.pack_errors.values() for d in ds])
    return loaded.project


def tailored(root: Path, pack_id: str) -> tuple[TailoredPack, list[Diagnostic]]:
    """Return one pack tailored, with the findings of loading and tailoring it."""
    from packgen.tailor.pack import tailor

    loaded, result = _load(root.resolve())
    pack = _chosen(loaded, (pack_id,))[0]
    if pack in loaded.pack_errors:
        raise PackgenError.many(loaded.pack_errors[pack])
    project = loaded.project
    tp, diags = tailor(project, pack, build_time(project.packs[pack].date))
    return tp, result.diagnostics + diags


def inspect_template(root: Path, path: Path | None = None) -> TemplateReport:
    """Return the report on ``path``, or on the deck template the project's packs would use."""
    from packgen.load.project import load_theme
    from packgen.rules.template import template_report

    root = root.resolve()
    chosen, display = _choose_template(root, path)
    return template_report(chosen, load_theme(root), "en-GB", display=display)


def describe_template(report: TemplateReport) -> str:
    """Return the text ``packgen template check`` prints for ``report``, a line each."""
    from packgen.rules.template import describe

    return "\n".join(describe(report))


def deck_outline(path: Path) -> tuple[SlideOutline, ...]:
    """Return each slide of the built deck at ``path``: number, title, layout, speaker notes."""
    from packgen.writers.pptx.outline import outline

    return outline(path)


# --- the build ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Choice:
    """How the packs of a build are chosen and followed: the shard, ``--prune``, the
    listener, and whether the cache may skip loading the project."""

    shard: tuple[int, int] | None = None
    prune: bool = False
    on_event: OnEvent = ignore
    cached: bool = False


def _build(root: Path, pack_ids: Sequence[str], out_dir: Path | None, run: Run,
           choice: _Choice) -> BuildResult:
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
                    choice: _Choice, tree: str) -> BuildResult:
    from packgen.builders.jobs import preload
    from packgen.views.handout import DETAIL_PICTURES, picture_alts

    out, given = where
    loaded, result = _load(root)
    chosen = in_shard(_chosen(loaded, pack_ids), choice.shard)
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
            result.packs.append(_broken(loaded, pack_id, out, result.diagnostics))
            choice.on_event(Event(pack_id, "done", status=FAILED))
            continue
        pack, findings = built[pack_id]
        result.packs.append(pack)
        result.diagnostics.extend(findings)
    return result


def _build_pack(project: Project, out: Path, run: Run, known: Known, pack_id: str,
                emit: OnEvent) -> tuple[PackResult, list[Diagnostic]]:
    return build_pack(project, pack_id, out, run, known, emit)


def _unchanged(root: Path, pack_ids: Sequence[str], out: Path, run: Run, choice: _Choice,
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


def _broken(loaded: Loaded, pack_id: str, out: Path, sink: list[Diagnostic]) -> PackResult:
    return not_built(loaded.project, PackResult(pack_id, out / pack_id),
                     loaded.pack_errors[pack_id], sink)


# --- templates ---------------------------------------------------------------------------


def _choose_template(root: Path, path: Path | None) -> tuple[Path, str]:
    if path is not None:
        if not path.is_file():
            raise PackgenError(f"template not found: {path}")
        return path, relative(root, path)
    return find_template(root, "deck.pptx")


# --- loading -----------------------------------------------------------------------------


def _load(root: Path) -> tuple[Loaded, BuildResult]:
    if not root.is_dir():
        raise PackgenError(f"project folder not found: {root}")
    from packgen.load.project import load

    loaded = load(root)
    return loaded, BuildResult(diagnostics=list(loaded.diagnostics))


def _chosen(loaded: Loaded, pack_ids: Sequence[str]) -> list[str]:
    every = sorted({*loaded.project.packs, *loaded.pack_errors})
    if not pack_ids:
        if not every:
            raise PackgenError("no packs found: add one to content/packs/", "content/packs")
        return every
    unknown = [p for p in pack_ids if p not in every]
    if unknown:
        known = ", ".join(every) or "none"
        raise PackgenError.many([
            error(f"no pack '{p}' (known packs: {known})", "content/packs") for p in unknown
        ])
    return list(dict.fromkeys(pack_ids))
