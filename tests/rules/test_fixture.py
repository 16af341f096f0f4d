"""A tiny project with one known violation per content rule, read by the real loaders."""

from __future__ import annotations

import datetime as dt

import pytest
from where import FIXTURES

from packgen.errors import Diagnostic
from packgen.load.project import load_project
from packgen.rules import run_pack_rules
from packgen.tailor.pack import tailor

FIXTURE = FIXTURES / "rules" / "project"
BUILT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _expected() -> list[tuple[str, int, str]]:
    rows = []
    for line in (FIXTURE / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, number, severity = line.split()
            rows.append((code, int(number), severity))
    return rows


@pytest.fixture(scope="module")
def findings() -> list[Diagnostic]:
    project, _ = load_project(FIXTURE)
    tp, _ = tailor(project, "rules", BUILT)
    return run_pack_rules(tp)


def test_each_content_rule_fires_once_at_its_line(findings: list[Diagnostic]) -> None:
    found = [(d.code, d.line, d.severity.value) for d in findings
             if d.code and d.code.startswith("PG1") and d.path == "content/modules/rules.md"]
    assert sorted(found) == sorted(_expected())


def test_fixture_template_and_timing_are_clean(findings: list[Diagnostic]) -> None:
    assert not [d for d in findings if d.code and d.code.startswith(("PG4", "PG3"))]
