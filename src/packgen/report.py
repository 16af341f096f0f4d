"""Turn findings and project facts into the text the CLI prints."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

from packgen.codes import Code
from packgen.errors import Diagnostic, Severity
from packgen.model import Project


def render(diagnostics: Sequence[Diagnostic], fmt: str) -> str:
    """Return findings as ``text`` lines, a ``json`` list, or ``github`` annotations."""
    ordered = _ordered(diagnostics)
    if fmt == "json":
        return json.dumps([d.as_dict() for d in ordered], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(_github(d) for d in ordered)
    return "\n".join(str(d) for d in ordered)


READABILITY = "PG209"
"""The per-module readability figures: shown by ``check`` and ``build -v`` only."""


def shown(diagnostics: Sequence[Diagnostic], level: str) -> list[Diagnostic]:
    """Return the findings printed at ``level``: ``quiet`` errors only, ``normal`` all but the
    readability figures, ``verbose`` all."""
    if level == "quiet":
        return [d for d in diagnostics if d.severity is Severity.ERROR]
    if level == "normal":
        return [d for d in diagnostics if d.code != READABILITY]
    return list(diagnostics)


def exit_status(diagnostics: Sequence[Diagnostic], strict: bool) -> int:
    """Return 1 when any finding is an error (or, with ``strict``, a warning), else 0."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return 1 if any(d.severity in failing for d in diagnostics) else 0


def listing(project: Project) -> str:
    """Return the project's modules and packs with their durations, as a short table."""
    lines = ["Modules:"]
    for module in sorted(project.modules.values(), key=lambda m: m.id):
        lines.append(f"  {module.id:<32} {module.duration:>4} min  {module.title}")
    lines.append("Packs:")
    for pack in sorted(project.packs.values(), key=lambda p: p.id):
        used = sum(project.modules[m].duration for m in pack.modules if m in project.modules)
        used += sum(b.minutes for b in pack.breaks)
        lines.append(f"  {pack.id:<32} {used:>4} of {pack.slot} min  {pack.title}"
                     f" ({pack.audience}, {len(pack.modules)} modules)")
    return "\n".join(lines)


def _ordered(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    unique = list(dict.fromkeys(diagnostics))
    return sorted(unique, key=lambda d: (d.path or "", d.line or 0))


def _github(d: Diagnostic) -> str:
    level = {"error": "error", "warning": "warning", "info": "notice"}[d.severity.value]
    props = []
    if d.path:
        props.append(f"file={_property(d.path)}")
    if d.line:
        props.append(f"line={d.line}")
    if d.code:
        props.append(f"title={_property(d.code)}")
    message = d.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{level} {','.join(props)}::{message}"


def _property(value: str) -> str:
    """Return a workflow command's property value escaped as GitHub documents it."""
    return (value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            .replace(":", "%3A").replace(",", "%2C"))


# --- the catalogue of finding codes (packgen rules) ------------------------------------------

_PARTS = (("What it checks", "checks"), ("Why it matters", "why"), ("How to fix it", "fix"))
_WIDTH = 88


def rules_text(entries: Sequence[Code], fmt: str, one: bool) -> str:
    """Return what ``packgen rules`` prints: a table of ``entries`` (code, severity, name,
    summary), or with ``one`` the single entry explained; ``fmt`` ``json`` gives the list
    (or the one entry) as one JSON document."""
    if fmt == "json":
        shapes = [entry.as_dict() for entry in entries]
        return json.dumps(shapes[0] if one else shapes, indent=2, ensure_ascii=False)
    return explain(entries[0]) if one else rules_table(entries)


def rules_table(entries: Sequence[Code]) -> str:
    """Return one line per code: code, severity, name and summary, in aligned columns."""
    width = max(len(e.name) for e in entries)
    return "\n".join(f"{e.code}  {e.severity:<7}  {e.name:<{width}}  {e.summary}"
                     for e in entries)


def explain(entry: Code) -> str:
    """Return a code's explanation: its heading and summary, then what it checks, why it
    matters, how to fix it and how to silence it, each wrapped under its title."""
    parts = [(title, getattr(entry, field)) for title, field in _PARTS]
    parts.append(("How to silence it", entry.silence()))
    body = "\n\n".join(f"{title}\n{_indented(text)}" for title, text in parts)
    return f"{entry.code} {entry.name} ({entry.severity})\n{entry.summary}\n\n{body}"


def _indented(text: str) -> str:
    """Return paragraphs wrapped and indented two spaces; a code line (four spaces) as is."""
    paragraphs = text.split("\n\n")
    return "\n\n".join(p if p.startswith("    ") else
                       textwrap.fill(p, _WIDTH, initial_indent="  ", subsequent_indent="  ")
                       for p in paragraphs)
