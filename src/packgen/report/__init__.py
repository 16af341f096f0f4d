"""Turn findings and project facts into what the CLI prints: one line per finding, or one
document in a format CI reads (json, github, gitlab, sarif, junit)."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module

from packgen.errors import Diagnostic
from packgen.model import Project
from packgen.report.document import Case, Report, failing, located

__all__ = ["FORMATS", "Case", "Report", "exit_status", "listing", "render", "render_findings",
           "shown"]

RENDERERS = {
    "text": "tabular:lines", "json": "tabular:json_list", "github": "github:render",
    "gitlab": "gitlab:render", "sarif": "sarif:render", "junit": "junit:render",
}
"""Every format ``--format`` accepts (all but ``text`` are machine formats), to the module of
this package and the function that writes it: a command imports only the one it prints."""

FORMATS = tuple(RENDERERS)


def render(report: Report, fmt: str) -> str:
    """Return ``report`` in ``fmt``: ``text`` lines, or one document of a machine format."""
    module, function = RENDERERS[fmt].split(":")
    write = getattr(import_module(f"packgen.report.{module}"), function)
    return write(located(report))  # type: ignore[no-any-return]


def render_findings(diagnostics: Sequence[Diagnostic], fmt: str = "text") -> str:
    """Return bare findings in ``fmt`` (a report of a command with no packs)."""
    return render(Report(tuple(diagnostics)), fmt)


READABILITY = "PG209"
"""The per-module readability figures: shown by ``check`` and ``build -v`` only."""


def shown(diagnostics: Sequence[Diagnostic], level: str,
          strict: bool = False) -> list[Diagnostic]:
    """Return the findings printed at ``level``: ``quiet`` only those that fail the command
    (errors, and warnings too when ``strict``), ``normal`` all but the readability figures,
    ``verbose`` all."""
    if level == "quiet":
        return [d for d in diagnostics if failing(d, strict)]
    if level == "normal":
        return [d for d in diagnostics if d.code != READABILITY]
    return list(diagnostics)


def exit_status(diagnostics: Sequence[Diagnostic], strict: bool) -> int:
    """Return 1 when any finding is an error (or, with ``strict``, a warning), else 0."""
    return 1 if any(failing(d, strict) for d in diagnostics) else 0


def _translated(project: Project, module_id: str) -> str:
    """Return the note on a module listed with its translations: `` / Croeso (cy-GB)``."""
    return "".join(f" / {t.modules[module_id].title} ({tag})"
                   for tag, t in project.translations.items() if module_id in t.modules)


def listing(project: Project) -> str:
    """Return the project's modules and packs with their durations, as a short table."""
    lines = ["Modules:"]
    for module in sorted(project.modules.values(), key=lambda m: m.id):
        lines.append(f"  {module.id:<32} {module.duration:>4} min  {module.title}"
                     f"{_translated(project, module.id)}")
    lines.append("Packs:")
    for pack in sorted(project.packs.values(), key=lambda p: p.id):
        used = sum(project.modules[m].duration for m in pack.modules if m in project.modules)
        used += sum(b.minutes for b in pack.breaks)
        languages = f", {' and '.join(pack.languages)}" if pack.languages else (
            f", {pack.language}" if project.translations else "")
        lines.append(f"  {pack.id:<32} {used:>4} of {pack.slot} min  {pack.title}"
                     f" ({pack.audience}, {len(pack.modules)} modules{languages})")
    return "\n".join(lines)
