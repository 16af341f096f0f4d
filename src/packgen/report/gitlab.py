"""Findings as a GitLab Code Quality report: a JSON list of Code Climate issues."""

from __future__ import annotations

import hashlib
import json

from packgen.errors import Diagnostic
from packgen.report.document import Report, is_file, text_of

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}
"""packgen's severities on GitLab's scale (info, minor, major, critical, blocker)."""


def render(report: Report) -> str:
    """Return the report GitLab reads from ``artifacts:reports:codequality``."""
    return json.dumps([_issue(d, report) for d in report.findings], indent=2,
                      ensure_ascii=False)


def _issue(d: Diagnostic, report: Report) -> dict[str, object]:
    path = d.path if is_file(d.path) else (report.base or ".")
    return {
        "description": text_of(d),
        "check_name": d.code,
        "fingerprint": _fingerprint(d),
        "severity": SEVERITIES[d.severity.value],
        "location": {"path": path, "lines": {"begin": d.line or 1}},
    }


def _fingerprint(d: Diagnostic) -> str:
    """Return a digest that names this finding alone, the same on every run."""
    key = "\0".join((d.code, d.path or "", str(d.line or 0), d.message))
    return hashlib.sha256(key.encode()).hexdigest()[:32]
