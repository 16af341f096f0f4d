"""What a command reports: its findings, each pack's outcome, and where paths are seen from."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from packgen.errors import Diagnostic, Severity


@dataclass(frozen=True, slots=True)
class Case:
    """One pack's outcome, for the formats that report per pack (JUnit)."""

    name: str
    status: str
    """``built``, ``up to date`` or ``failed``."""
    reason: str = ""
    findings: tuple[Diagnostic, ...] = ()
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a command found, and what the machine formats say about it."""

    findings: tuple[Diagnostic, ...]
    command: str = "build"
    cases: tuple[Case, ...] = ()
    """Each pack's outcome; findings in no case are the project's own."""
    base: str = ""
    """The project folder as seen from the folder paths are written relative to (``--path-base``),
    joined in front of every project path; empty for paths relative to the project."""
    strict: bool = False
    rules: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Code to its name and one-line summary, for the formats that describe rules."""
    version: str = ""
    timestamp: str = ""
    """When the command ran, ``YYYY-MM-DDTHH:MM:SS`` in UTC (JUnit wants one)."""


def located(report: Report) -> Report:
    """Return ``report`` with every project path written from ``report.base`` and the
    findings in a stable order, once each."""
    def move(d: Diagnostic) -> Diagnostic:
        return replace(d, path=_based(d.path, report.base)) if report.base else d

    cases = tuple(replace(c, findings=tuple(move(d) for d in ordered(c.findings)))
                  for c in report.cases)
    return replace(report, findings=tuple(move(d) for d in ordered(report.findings)),
                   cases=cases)


def ordered(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """Return the findings once each, by path and line (a stable sort keeps the rest)."""
    unique = list(dict.fromkeys(diagnostics))
    return sorted(unique, key=lambda d: (d.path or "", d.line or 0))


def failing(diagnostic: Diagnostic, strict: bool) -> bool:
    """Return True when ``diagnostic`` fails the command: an error, or a warning when strict."""
    return diagnostic.severity is Severity.ERROR or (
        strict and diagnostic.severity is Severity.WARNING)


def is_file(path: str | None) -> bool:
    """Return True when ``path`` names a file of the project (not a packaged default)."""
    return bool(path) and not path.startswith("packgen:")  # type: ignore[union-attr]


def text_of(d: Diagnostic) -> str:
    """Return a finding's message as a format without a place for it shows it: a finding
    about one of packgen's own defaults, which is no file of the project, names it first."""
    return d.message if is_file(d.path) or not d.path else f"{d.path}: {d.message}"


def _based(path: str | None, base: str) -> str | None:
    if not is_file(path) or posixpath.isabs(path):  # type: ignore[arg-type]
        return path
    return posixpath.normpath(posixpath.join(base, path))  # type: ignore[arg-type]
