"""The library entry points the CLI calls: build, check, list packs; inspect templates and decks."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from packgen import __version__, codes
from packgen.builders import BUILDERS
from packgen.codes import Code
from packgen.errors import Diagnostic, PackgenError
from packgen.model import Project, SlideOutline, TailoredPack
from packgen.output.building import PackResult, Run, failure_reason
from packgen.output.events import FAILED, OnEvent, ignore
from packgen.output.failures import temporary_failure
from packgen.output.project import (
    BuildResult,
    Choice,
    broken_pack,
    build_project,
    chosen_packs,
    load_project,
)
from packgen.output.reproducible import build_time
from packgen.paths import find_template, relative, seen_from
from packgen.report import Report, shown
from packgen.wording import closest

UNKNOWN_CODE = "PG019"
TEMPLATE_MISSING = "PG407"

__all__ = ["BuildResult", "Shown", "build", "check", "deck_outline", "describe_template",
           "export_templates", "gallery", "inspect_template", "list_project", "new_project",
           "report", "rules", "tailored", "template_check"]

if TYPE_CHECKING:
    from packgen.output.gallery import Gallery
    from packgen.rules.template import TemplateReport


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
    choice = Choice(shard, prune, on_event, cached=True)
    return _reported(lambda: build_project(root, pack_ids, out_dir, run, choice))


def check(root: Path, pack_ids: Sequence[str] = ()) -> BuildResult:
    """Run every rule on the chosen packs without keeping any output.

    The deck is built in a temporary folder (the overflow rule reads it); a temporary folder
    that cannot be made or written is one PG006 finding.
    """
    def checked() -> BuildResult:
        try:
            with tempfile.TemporaryDirectory(prefix="packgen-check-") as tmp:
                run = Run(("deck",), tuple(BUILDERS), True, 1, rebuild=True, kept=False)
                return build_project(root, pack_ids, Path(tmp), run, Choice())
        except OSError as exc:
            raise temporary_failure(exc) from None

    return _reported(checked)


def list_project(root: Path) -> tuple[Project | None, BuildResult]:
    """Return the loaded project (None when it cannot be loaded), for listing its modules
    and packs, with the findings of loading it: the packs that fail to load are left out
    of the project and reported."""
    try:
        loaded, result = load_project(root.resolve())
    except PackgenError as exc:
        return None, BuildResult(list(exc.diagnostics))
    for pack_id in sorted({*loaded.project.packs, *loaded.pack_errors}):
        result.packs.append(broken_pack(loaded, pack_id, root / "build", result.diagnostics,
                                        kept=False) if pack_id in loaded.pack_errors
                            else PackResult(pack_id, root / "build" / pack_id))
    return loaded.project, result


def tailored(root: Path, pack_id: str) -> tuple[TailoredPack, list[Diagnostic]]:
    """Return one pack tailored, with the findings of loading and tailoring it."""
    from packgen.tailor.pack import tailor

    loaded, result = load_project(root.resolve())
    pack = chosen_packs(loaded, (pack_id,))[0]
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


# --- new projects and exported templates ------------------------------------------------


def new_project(target: Path) -> tuple[list[str], BuildResult]:
    """Return the files of a new project written into the folder ``target`` (as posix paths
    inside it), with the findings: a folder that holds anything, a name no pack id can be
    made from, or a failed write is one error, and then nothing is written."""
    from packgen.output.scaffold import new_project as write_project

    try:
        return write_project(target, target.as_posix()), BuildResult()
    except PackgenError as exc:
        return [], BuildResult(list(exc.diagnostics))


def export_templates(root: Path, names: Sequence[str] = (),
                     to: Path | None = None) -> tuple[list[str], BuildResult]:
    """Return the packaged templates ``names`` (every one when none) copied into ``to``
    (default: the project's ``templates/``), as paths shown from the project, with the
    findings: an unknown name, or a file that exists (never overwritten), is an error and
    then nothing is written."""
    from packgen.output.scaffold import export_templates as export

    folder = to if to is not None else root / "templates"
    shown = relative(root, folder, follow_links=False) if to is None else folder.as_posix()
    try:
        written = export(names, folder, shown)
    except PackgenError as exc:
        return [], BuildResult(list(exc.diagnostics))
    return [f"{shown}/{path.name}" for path in written], BuildResult()


def _reported(command: Callable[[], BuildResult]) -> BuildResult:
    """Return what ``command`` returns, or its input errors as a result: every finding
    reaches the caller the same way."""
    try:
        return command()
    except PackgenError as exc:
        return BuildResult(list(exc.diagnostics))


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")


# --- the gallery -------------------------------------------------------------------------


def gallery(root: Path, out: Path | None = None) -> tuple[Gallery | None, BuildResult]:
    """Build the gallery (every slide kind, a guide and a handout from packgen's sample, in
    the project's template and theme) at ``out`` (default ``build/gallery.pptx``).

    Return what was written (None when nothing was: a broken theme or template) and the
    findings, in one case named ``gallery``: the kinds the template cannot build are left out
    of the deck, one finding each.
    """
    from packgen.output.gallery import build_gallery

    try:
        made = build_gallery(root, out)
    except PackgenError as exc:
        found = list(exc.diagnostics)
        return None, BuildResult(found, [PackResult(
            "gallery", Path("gallery"), ok=False, status=FAILED,
            reason=failure_reason(found), findings=found)])
    found = list(made.diagnostics)
    return made, BuildResult(found, [PackResult("gallery", made.deck.parent, findings=found)])


# --- templates ---------------------------------------------------------------------------


def _choose_template(root: Path, path: Path | None) -> tuple[Path, str]:
    if path is not None:
        if not path.is_file():
            raise PackgenError(f"template not found: {path}", code=TEMPLATE_MISSING)
        return path, relative(root, path)
    return find_template(root, "deck.pptx")


