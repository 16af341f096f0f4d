"""The library entry points the CLI calls: build, check, list packs; inspect templates and decks."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from packgen.builders import BUILDERS, Output
from packgen.errors import Collector, Diagnostic, PackgenError, error, info
from packgen.model import Project, SlideOutline, TailoredPack
from packgen.output import guard
from packgen.output import staging as stg
from packgen.output.failures import os_failure, temporary_failure
from packgen.output.reproducible import build_time, normalise_zip, sha256_file
from packgen.paths import find_template, relative

if TYPE_CHECKING:
    from packgen.load.project import Loaded
    from packgen.rules.template import TemplateReport


@dataclass
class PackResult:
    """What happened to one pack."""

    pack_id: str
    folder: Path
    outputs: list[stg.Entry] = field(default_factory=list)
    ok: bool = True


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
          kinds: Sequence[str] = (), force: bool = False, jobs: int | None = None
          ) -> BuildResult:
    """Build the chosen packs (all when none) of the project at ``root`` into ``out_dir``.

    Each pack is built in a staging folder and swapped in only when complete; a pack with an
    error keeps its previous outputs. Findings of every pack are gathered in the result: those
    of the rules about the kinds being built (the easy-read rules only with the handout or an
    easy-read deck). ``jobs`` processes write a pack's kinds side by side (default: one per
    core); the outputs are the same with any number.
    """
    from packgen.builders.jobs import available_jobs

    chosen = tuple(kinds) or tuple(BUILDERS)
    count = available_jobs() if jobs is None else jobs
    return _build(root, pack_ids, out_dir, _Run(chosen, chosen, force, count))


def check(root: Path, pack_ids: Sequence[str] = ()) -> BuildResult:
    """Run every rule on the chosen packs without keeping any output.

    The deck is built in a temporary folder (the overflow rule reads it); a temporary folder
    that cannot be made or written is one PG006 finding.
    """
    try:
        with tempfile.TemporaryDirectory(prefix="packgen-check-") as tmp:
            return _build(root, pack_ids, Path(tmp), _Run(("deck",), tuple(BUILDERS), True, 1))
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
    """Return the text ``packgen template check`` prints for ``report``."""
    from packgen.rules.template import describe

    return describe(report)


def deck_outline(path: Path) -> tuple[SlideOutline, ...]:
    """Return each slide of the built deck at ``path``: number, title, layout, speaker notes."""
    from packgen.writers.pptx.outline import outline

    return outline(path)


# --- one pack ----------------------------------------------------------------------------


def _broken(loaded: Loaded, pack_id: str, out: Path, sink: list[Diagnostic]) -> PackResult:
    sink.extend(loaded.pack_errors[pack_id])
    folder = out / pack_id
    kept = " (previous outputs kept)" if folder.exists() else ""
    sink.append(info(f"pack '{pack_id}' not built{kept}", relative(loaded.project.root, folder)))
    return PackResult(pack_id, folder, ok=False)


@dataclass(frozen=True, slots=True)
class _Run:
    """What one build makes: the kinds written, the kinds whose rules run, ``--force``, and
    how many processes may write the kinds."""

    kinds: tuple[str, ...]
    checked: tuple[str, ...]
    force: bool
    jobs: int


def _build(root: Path, pack_ids: Sequence[str], out_dir: Path | None, run: _Run) -> BuildResult:
    root = root.resolve()
    given = str(out_dir) if out_dir is not None else "build"
    out = guard.safe_out_dir(root, out_dir if out_dir is not None else root / "build", given)
    loaded, result = _load(root)
    chosen = _chosen(loaded, pack_ids)
    if any(p not in loaded.pack_errors for p in chosen):
        guard.make_out_dir(out, given)
    for pack_id in chosen:
        if pack_id in loaded.pack_errors:
            result.packs.append(_broken(loaded, pack_id, out, result.diagnostics))
            continue
        result.packs.append(_build_one(loaded.project, pack_id, out, run, result.diagnostics))
    return result


def _build_one(project: Project, pack_id: str, out: Path, run: _Run,
               sink: list[Diagnostic]) -> PackResult:
    staging = stg.Staging(out, pack_id, relative(project.root, out / pack_id, follow_links=False))
    result = PackResult(pack_id, staging.final)
    try:
        guard.check_pack_id(pack_id, project.packs[pack_id].loc.path)
        staging.open()
        result.outputs = _fill(project, pack_id, staging, run, sink)
        staging.swap_in()
    except PackgenError as exc:
        _not_built(project, result, exc, sink)
    except OSError as exc:
        failure = os_failure(exc, project.root, out, staging.path, staging.final)
        _not_built(project, result, failure, sink)
    finally:
        staging.discard()
    return result


def _not_built(project: Project, result: PackResult, exc: PackgenError,
               sink: list[Diagnostic]) -> None:
    sink.extend(exc.diagnostics)
    result.ok = False
    result.outputs = []
    kept = " (previous outputs kept)" if result.folder.exists() else ""
    sink.append(info(f"pack '{result.pack_id}' not built{kept}",
                     relative(project.root, result.folder, follow_links=False)))


def _fill(project: Project, pack_id: str, staging: stg.Staging, run: _Run,
          sink: list[Diagnostic]) -> list[stg.Entry]:
    from packgen.builders.jobs import build_kinds
    from packgen.tailor.pack import tailor

    kinds, force = run.kinds, run.force
    tp, diags = tailor(project, pack_id, build_time(project.packs[pack_id].date))
    report = Collector()
    report.extend(diags)
    display = relative(project.root, staging.final, follow_links=False)
    previous = stg.inspect_previous(staging.final, display)
    if not force:
        stg.check_hand_edits(staging.final, [e for e in previous.entries if e.kind in kinds],
                             display)
        stg.check_foreign_files(previous, display)
    outputs, findings = build_kinds(tp, kinds, staging.path, run.jobs,
                                    partial(_finish, tp, display),
                                    meanwhile=partial(_check, tp, run.checked, report))
    report.extend(findings)
    report.raise_errors()
    entries = [_entry(o, tp) for o in outputs]
    stg.check_name_clashes(previous, entries, display)
    entries += stg.keep_outputs(staging.final, staging.path,
                                [e for e in previous.entries if e.kind not in kinds])
    stg.write_manifest(staging.path, _manifest_head(tp), entries, _inputs(project, tp))
    sink.extend(_silenced(report.items, project, pack_id))
    return entries


def _check(tp: TailoredPack, checked: Sequence[str], report: Collector) -> None:
    """Run the pack's rules (while other processes write the kinds); stop on an error."""
    report.extend(_rules(tp, checked))
    report.raise_errors()


def _finish(tp: TailoredPack, display: str, output: Output) -> list[Diagnostic]:
    """Make a written Office file reproducible; return what the deck's overflow check finds."""
    if output.format in ("pptx", "docx"):
        normalise_zip(output.path, tp.built)
    return _rendered_rules(tp, output, display) if output.format == "pptx" else []


def _entry(output: Output, tp: TailoredPack) -> stg.Entry:
    return stg.Entry(output.kind, output.format, output.path.name, sha256_file(output.path))


def _rules(tp: TailoredPack, checked: Sequence[str]) -> list[Diagnostic]:
    from packgen.rules import run_pack_rules

    easy_read = "handout" in checked or tp.pack.deck_style == "easy-read"
    return run_pack_rules(tp, easy_read=easy_read, word="guide" in checked)


def _rendered_rules(tp: TailoredPack, deck: Output, display: str) -> list[Diagnostic]:
    from packgen.rules.overflow import check_deck_overflow, slide_sources

    return check_deck_overflow(deck.path, f"{display}/{deck.path.name}", slide_sources(tp))


def _silenced(diags: list[Diagnostic], project: Project, pack_id: str) -> list[Diagnostic]:
    from packgen.rules import apply_silence

    return apply_silence(diags, project.config, pack_id)


def _manifest_head(tp: TailoredPack) -> dict[str, object]:
    return {"pack": tp.pack.id, "title": tp.pack.title, "language": tp.language}


def _inputs(project: Project, tp: TailoredPack) -> dict[str, str]:
    used = {m.loc.path for m in tp.modules} | {tp.pack.loc.path}
    return {
        path: digest for path, digest in project.inputs.items()
        if not _is_content_file(path) or path in used
    }


def _is_content_file(path: str) -> bool:
    return path.startswith(("content/modules/", "content/packs/"))


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
