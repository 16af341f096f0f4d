"""Findings as a JUnit XML report: one test case per pack, failed when the pack fails."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from packgen.errors import Diagnostic, Severity
from packgen.report.document import Case, Report, failing

PROJECT_CASE = "(project)"
"""The test case holding the findings of no single pack (loading, orphans, a template)."""


def render(report: Report) -> str:
    """Return a ``<testsuites>`` document with one suite for the command and one case per
    pack; a pack that was not built, or (with ``--strict``) has warnings, is a failure."""
    cases = list(report.cases)
    mine = {d for c in cases for d in c.findings}
    rest = tuple(d for d in report.findings if d not in mine)
    if rest or not cases:
        cases.insert(0, Case(PROJECT_CASE, "", findings=rest))
    failed = [c for c in cases if _fails(c, report.strict)]
    suites = ET.Element("testsuites")
    suite = ET.SubElement(suites, "testsuite", {
        "package": "packgen", "id": "0", "name": f"packgen {report.command}",
        "timestamp": report.timestamp or "1970-01-01T00:00:00", "hostname": "localhost",
        "tests": str(len(cases)), "failures": str(len(failed)), "errors": "0",
        "skipped": "0", "time": _seconds(sum(c.seconds for c in cases))})
    ET.SubElement(suite, "properties")
    for case in cases:
        _case(suite, case, report)
    ET.SubElement(suite, "system-out").text = "\n".join(
        str(d) for c in cases for d in c.findings if not failing(d, report.strict)) or None
    ET.SubElement(suite, "system-err")
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)


def _case(suite: ET.Element, case: Case, report: Report) -> None:
    element = ET.SubElement(suite, "testcase", name=case.name,
                            classname=f"packgen.{report.command}", time=_seconds(case.seconds))
    failures = [d for d in case.findings if failing(d, report.strict)]
    if not _fails(case, report.strict):
        return
    failure = ET.SubElement(element, "failure", message=_summary(case, failures),
                            type=failures[0].code if failures else "packgen")
    failure.text = "\n".join(str(d) for d in case.findings)


def _fails(case: Case, strict: bool) -> bool:
    return case.status == "failed" or any(failing(d, strict) for d in case.findings)


def _summary(case: Case, failures: list[Diagnostic]) -> str:
    errors = sum(1 for d in failures if d.severity is Severity.ERROR)
    warnings = len(failures) - errors
    said = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((errors, "error"),
                                                                 (warnings, "warning")) if n]
    head = f"not built: {case.reason}" if case.status == "failed" and case.reason else ""
    return "; ".join(p for p in (head, ", ".join(said)) if p) or "failed"


def _seconds(value: float) -> str:
    return f"{value:.3f}"
