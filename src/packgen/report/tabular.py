"""Findings as the diagnostic lines people read, and as a JSON list of objects."""

from __future__ import annotations

import json

from packgen.report.document import Report


def lines(report: Report) -> str:
    """Return one ``path:line: severity: message [code]`` line per finding."""
    return "\n".join(str(d) for d in report.findings)


def json_list(report: Report) -> str:
    """Return a JSON list of ``{"path", "line", "severity", "code", "message"}`` objects
    (an empty list when nothing was found)."""
    return json.dumps([d.as_dict() for d in report.findings], indent=2, ensure_ascii=False)
