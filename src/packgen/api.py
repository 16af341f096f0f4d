"""The library entry points the CLI calls: build, check, list packs; inspect templates and decks."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from packgen import __version__, codes
from packgen.builders import BUILDERS
from packgen.codes import Code
from packgen.errors import Diagnostic, PackgenError, error
from packgen.model import Project, SlideOutline, TailoredPack
from packgen.output import cache, guard, orphans
from packgen.output.building import Known, PackResult, Run, build_pack, failure_reason, not_built
from packgen.output.events import FAILED, UP_TO_DATE, Event, OnEvent, ignore
from packgen.output.failures import temporary_failure
from packgen.output.pool import build_packs
from packgen.output.reproducible import build_time
from packgen.output.shards import in_shard
from packgen.output.unchanged import unchanged_pack
from packgen.paths import find_template, relative, seen_from
from packgen.report import Case, Report, shown
from packgen.wording import closest

NO_PROJECT = "PG012"
NO_PACKS = "PG013"
UNKNOWN_PACK = "PG014"
UNKNOWN_CODE = "PG019"
TEMPLATE_MISSING = "PG407"

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

    def cases(self) -> tuple[Case, ...]:
        """Return each pack's outcome as the per-pack report formats show it."""
        return tuple(Case(p.pack_id, p.status, p.reason, tuple(p.findings),
                          sum(p.seconds.values())) for p in self.packs)


@dataclass(frozen=True, slots=True)
class Shown:
    """How a command's findings are shown: which (``quiet``, ``normal`` or ``verbose``),
    whether warnings fail (``strict``), and the folder paths are written from (``path_base``;
    None: the project for text, the git checkout holding it for machine formats)."""

    fmt: str = "text"
    level: str = "normal"
    strict: bool = False
    path_base: Path | None = None


def report(root: Path, result: BuildResult, command: str, how: Shown) -> Report:
    """Return what ``command`` found in the project at ``root``, ready to print in any format."""
    machine = how.fmt != "text"
    base = seen_from(root, how.path_base) if machine or how.path_base is not None else ""
    cases = tuple(replace(c, findings=tuple(shown(c.findings, how.level, how.strict)))
                  for c in result.cases())
    return Report(tuple(shown(result.diagnostics, how.level, how.strict)), command, cases, base,
                  how.strict, {c.code: (c.name, c.summary) for c in codes.CATALOGUE},
                  __version__, _now())


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
    choice = _Choice(shard, prune, on_event, cached=True)
    return _reported(lambda: _build(root, pack_ids, out_dir, run, choice))


def check(root: Path, pack_ids: Sequence[str] = ()) -> BuildResult:
    """Run every rule on the chosen packs without keeping any output.

    The deck is built in a temporary folder (the overflow rule reads it); a temporary folder
    that cannot be made or written is one PG006 finding.
    """
    def checked() -> BuildResult:
        try:
            with tempfile.TemporaryDirectory(prefix="packgen-check-") as tmp:
                run = Run(("deck",), tuple(BUILDERS), True, 1, rebuild=True, kept=False)
                return _build(root, pack_ids, Path(tmp), run, _Choice())
        except OSError as exc:
            raise temporary_failure(exc) from None

    return _reported(checked)


def list_project(root: Path) -> tuple[Project | None, BuildResult]:
    """Return the loaded project (None when it cannot be loaded), for listing its modules
    and packs, with the findings of loading it: the packs that fail to load are left out
    of the project and reported."""
    try:
        loaded, result = _load(root.resolve())
    except PackgenError as exc:
        return None, BuildResult(list(exc.diagnostics))
    for pack_id in sorted({*loaded.project.packs, *loaded.pack_errors}):
        result.packs.append(_broken(loaded, pack_id, root / "build", result.diagnostics,
                                    kept=False) if pack_id in loaded.pack_errors
                            else PackResult(pack_id, root / "build" / pack_id))
    return loaded.project, result


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


def template_check(root: Path, path: Path | None = None) -> tuple[str, BuildResult]:
    """Return what ``packgen template check`` shows of ``path`` (or of the project's deck
    template) and its findings, one case named after the template; a template that cannot
    be read is a finding, with nothing to show."""
    name = path.as_posix() if path is not None else "deck.pptx"
    try:
        found = inspect_template(root, path)
    except PackgenError as exc:
        return "", BuildResult(list(exc.diagnostics), [PackResult(
            name, Path(name), ok=False, status=FAILED, reason=failure_reason(exc.diagnostics),
            findings=list(exc.diagnostics))])
    case = PackResult(name, Path(name), findings=list(found.diagnostics))
    return describe_template(found), BuildResult(list(found.diagnostics), [case])


def rules(key: str | None = None) -> tuple[Code, ...]:
    """Return every finding code in code order, or the one ``key`` names (a code such as
    ``PG108`` or a name such as ``slide-too-full``); an unknown one is a PackgenError
    (PG019) with the closest code or name."""
    if key is None:
        return codes.CATALOGUE
    found = codes.lookup(key)
    if found is None:
        close = closest(key.upper(), codes.CODES) or closest(key.lower(), codes.names())
        hint = f"; did you mean '{close}'?" if close else ""
        raise PackgenError(f"no finding code or name '{key}'{hint} (packgen rules lists "
                           "every code)", code=UNKNOWN_CODE)
    return (found,)


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
    try:
        loaded, result = _load(root)
    except PackgenError as exc:
        return _unloaded(root, pack_ids, out, exc.diagnostics, choice)
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
            pack = _broken(loaded, pack_id, out, result.diagnostics, run.kept)
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


def _broken(loaded: Loaded, pack_id: str, out: Path, sink: list[Diagnostic],
            kept: bool) -> PackResult:
    own: list[Diagnostic] = []
    pack = not_built(loaded.project.root, PackResult(pack_id, out / pack_id),
                     loaded.pack_errors[pack_id], own, kept)
    pack.findings = own
    sink.extend(own)
    return pack


def _unloaded(root: Path, pack_ids: Sequence[str], out: Path,
              diagnostics: Sequence[Diagnostic], choice: _Choice) -> BuildResult:
    """Return the result of a build whose project cannot be loaded: every chosen pack failed
    for the same reason (a problem in a file they all read)."""
    every = _pack_files(root)
    unknown = [error(f"no pack '{p}' (known packs: {', '.join(every) or 'none'})",
                     "content/packs", code=UNKNOWN_PACK) for p in pack_ids if p not in every]
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


def _reported(command: Callable[[], BuildResult]) -> BuildResult:
    """Return what ``command`` returns, or its input errors as a result: every finding
    reaches the caller the same way."""
    try:
        return command()
    except PackgenError as exc:
        return BuildResult(list(exc.diagnostics))


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")


# --- templates ---------------------------------------------------------------------------


def _choose_template(root: Path, path: Path | None) -> tuple[Path, str]:
    if path is not None:
        if not path.is_file():
            raise PackgenError(f"template not found: {path}", code=TEMPLATE_MISSING)
        return path, relative(root, path)
    return find_template(root, "deck.pptx")


# --- loading -----------------------------------------------------------------------------


def _load(root: Path) -> tuple[Loaded, BuildResult]:
    if not root.is_dir():
        raise PackgenError(f"project folder not found: {root}", code=NO_PROJECT)
    from packgen.load.project import load

    loaded = load(root)
    return loaded, BuildResult(diagnostics=list(loaded.diagnostics))


def _chosen(loaded: Loaded, pack_ids: Sequence[str]) -> list[str]:
    every = sorted({*loaded.project.packs, *loaded.pack_errors})
    if not pack_ids:
        if not every:
            raise PackgenError("no packs found: add one to content/packs/", "content/packs",
                               code=NO_PACKS)
        return every
    unknown = [p for p in pack_ids if p not in every]
    if unknown:
        known = ", ".join(every) or "none"
        raise PackgenError.many([
            error(f"no pack '{p}' (known packs: {known})", "content/packs", None, UNKNOWN_PACK)
            for p in unknown
        ])
    return list(dict.fromkeys(pack_ids))
