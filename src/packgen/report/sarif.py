"""Findings as a SARIF 2.1.0 log, the format GitHub code scanning and other tools read."""

from __future__ import annotations

import json
from urllib.parse import quote

from packgen.errors import Diagnostic
from packgen.report.document import Report, is_file, text_of

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(report: Report) -> str:
    """Return one SARIF log with one run: the rules that were found, then each finding."""
    codes = sorted({d.code for d in report.findings})
    driver: dict[str, object] = {"name": "packgen",
                                 "rules": [_rule(code, report) for code in codes]}
    if report.version:
        driver["version"] = report.version
    run = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": True}],
        "results": [_result(d, codes) for d in report.findings],
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2,
                      ensure_ascii=False)


def _rule(code: str, report: Report) -> dict[str, object]:
    name, summary = report.rules.get(code, ("", ""))
    rule: dict[str, object] = {
        "id": code, "help": {"text": f"`packgen rules {code}` says what it checks and how to "
                                     "fix it."}}
    if name:
        rule["name"] = name
    if summary:
        rule["shortDescription"] = {"text": summary}
    return rule


def _result(d: Diagnostic, codes: list[str]) -> dict[str, object]:
    result: dict[str, object] = {"ruleId": d.code, "ruleIndex": codes.index(d.code),
                                 "level": LEVELS[d.severity.value],
                                 "message": {"text": text_of(d)}}
    if is_file(d.path):
        place: dict[str, object] = {"artifactLocation": {"uri": quote(d.path or "")}}
        if d.line:
            place["region"] = {"startLine": d.line}
        result["locations"] = [{"physicalLocation": place}]
    return result

