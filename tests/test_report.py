"""Findings print as one line each, as JSON, or as GitHub annotations."""

from __future__ import annotations

import json

from packgen.errors import Diagnostic, Severity, error, info, warning
from packgen.report import exit_status, render

FINDINGS = [
    warning("sentence has 19 words (at most 15)", "content/modules/a.md", 7, "PG201"),
    error("undefined variable 'venu'", "content/modules/a.md", 3, "PG110"),
    info("readability: grade 4.1", "content/modules/b.md", None, "PG209"),
]


def test_text_lines_follow_the_diagnostic_format_in_file_order():
    lines = render(FINDINGS, "text").splitlines()
    assert lines == [
        "content/modules/a.md:3: error: undefined variable 'venu' [PG110]",
        "content/modules/a.md:7: warning: sentence has 19 words (at most 15) [PG201]",
        "content/modules/b.md: info: readability: grade 4.1 [PG209]",
    ]


def test_json_lists_objects_with_the_documented_keys():
    data = json.loads(render(FINDINGS, "json"))
    assert {tuple(sorted(d)) for d in data} == {("code", "line", "message", "path", "severity")}
    assert data[1]["code"] == "PG201" and data[1]["line"] == 7


def test_github_format_prints_workflow_commands():
    lines = render(FINDINGS, "github").splitlines()
    assert lines[0] == ("::error file=content/modules/a.md,line=3,title=PG110::undefined "
                        "variable 'venu'")
    assert lines[1].startswith("::warning file=content/modules/a.md,line=7,title=PG201::")
    assert lines[2].startswith("::notice file=content/modules/b.md,title=PG209::")


def test_exit_status_fails_on_errors_and_on_warnings_only_when_strict():
    warn_only = [FINDINGS[0], FINDINGS[2]]
    assert exit_status(FINDINGS, strict=False) == 1
    assert exit_status(warn_only, strict=False) == 0
    assert exit_status(warn_only, strict=True) == 1
    assert exit_status([FINDINGS[2]], strict=True) == 0


def test_diagnostic_without_path_has_no_location_prefix():
    assert str(Diagnostic(Severity.ERROR, "boom", code="PG003")) == "error: boom [PG003]"


def test_github_properties_cannot_start_another_workflow_command() -> None:
    from packgen.errors import warning

    forged = warning("x", "content/a,b:c.md\n::error::forged", 3, "PG101")
    (line,) = render([forged], "github").splitlines()
    assert line == ("::warning file=content/a%2Cb%3Ac.md%0A%3A%3Aerror%3A%3Aforged,line=3,"
                    "title=PG101::x")
