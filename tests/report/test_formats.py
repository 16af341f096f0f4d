"""Findings print as lines, or as one document in each format CI reads, checked against the
format's schema."""

from __future__ import annotations

import json

import pytest
from formats import findings_of

from packgen.errors import Diagnostic, Severity, error, info, warning
from packgen.report import FORMATS, Case, Report, exit_status, render, render_findings

FINDINGS = (
    warning("sentence has 19 words (at most 15)", "content/modules/a.md", 7, "PG201"),
    error("undefined variable 'venu'", "content/modules/a.md", 3, "PG110"),
    info("readability: grade 4.1", "content/modules/b.md", code="PG209"),
    warning("an external link is dropped", "packgen:deck.pptx", code="PG022"),
)
CASES = (Case("staff-intro", "failed", "an error in content/modules/a.md", FINDINGS[:2]),
         Case("council", "built", findings=(FINDINGS[2],)))
REPORT = Report(FINDINGS, "build", CASES, version="1.2.3", timestamp="2026-03-03T10:00:00",
                rules={"PG201": ("sentence-too-long", "an easy-read sentence over 15 words")})


def test_text_lines_follow_the_diagnostic_format_in_file_order() -> None:
    assert render(REPORT, "text").splitlines() == [
        "content/modules/a.md:3: error: undefined variable 'venu' [PG110]",
        "content/modules/a.md:7: warning: sentence has 19 words (at most 15) [PG201]",
        "content/modules/b.md: info: readability: grade 4.1 [PG209]",
        "packgen:deck.pptx: warning: an external link is dropped [PG022]",
    ]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in ("text", "junit")])
def test_every_machine_format_holds_each_finding_with_its_place_and_code(fmt: str) -> None:
    found = findings_of(fmt, render(REPORT, fmt))
    files = [f for f in found if f["path"] and not str(f["path"]).startswith("packgen:")]
    assert [(f["path"], f["line"], f["severity"], f["code"]) for f in files][:3] == [
        ("content/modules/a.md", 3, "error", "PG110"),
        ("content/modules/a.md", 7, "warning", "PG201"),
        ("content/modules/b.md", None if fmt not in ("gitlab",) else 1, "info", "PG209"),
    ]
    assert len(found) == 4


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "text"])
def test_a_clean_run_is_still_one_valid_document(fmt: str) -> None:
    text = render(Report(()), fmt)
    assert text or fmt == "github"  # no annotation to make
    assert findings_of(fmt, text) in ([], [{"case": "(project)", "failed": False, "type": None,
                                           "text": ""}])


def test_json_lists_objects_with_the_documented_keys() -> None:
    data = json.loads(render(REPORT, "json"))
    assert data[1] == {"path": "content/modules/a.md", "line": 7, "severity": "warning",
                       "code": "PG201", "message": "sentence has 19 words (at most 15)"}


def test_github_commands_carry_file_line_and_a_title_with_the_rule_name() -> None:
    lines = render(REPORT, "github").splitlines()
    assert lines[0] == ("::error file=content/modules/a.md,line=3,title=PG110::"
                        "undefined variable 'venu'")
    assert lines[1] == ("::warning file=content/modules/a.md,line=7,title=PG201 "
                        "sentence-too-long::sentence has 19 words (at most 15)")
    assert lines[2].startswith("::notice file=content/modules/b.md,title=PG209::")
    # a packaged default is no file of the repository: no file property, named in the text
    assert lines[3] == ("::warning title=PG022::packgen:deck.pptx: an external link is "
                        "dropped")


def test_github_messages_keep_their_colons() -> None:
    activity = error("write ::: {.activity title=\"x\"}", "content/modules/a.md", 8, "PG117")
    bare = error("no pack 'x' :: here", code="PG009")
    assert render_findings([activity, bare], "github").splitlines() == [
        "::error title=PG009::no pack 'x' :: here",
        "::error file=content/modules/a.md,line=8,title=PG117::write ::: {.activity title=\"x\"}"]


def test_github_properties_cannot_start_another_workflow_command() -> None:
    hostile = error("bad\n::error::injected", "content/modules/a,b:c.md", 1, "PG003")
    (line,) = render_findings([hostile], "github").splitlines()
    assert line == ("::error file=content/modules/a%2Cb%3Ac.md,line=1,title=PG003::"
                    "bad%0A::error::injected")


def test_gitlab_severities_and_fingerprints_are_stable_and_distinct() -> None:
    first, again = (json.loads(render(REPORT, "gitlab")) for _ in range(2))
    assert [i["fingerprint"] for i in first] == [i["fingerprint"] for i in again]
    assert [i["severity"] for i in first] == ["major", "minor", "info", "minor"]
    # a finding in a packaged file is placed on the project folder, its name in the text
    assert first[3]["location"]["path"] == "."
    assert first[3]["description"].startswith("packgen:deck.pptx: ")


def test_sarif_describes_the_rules_it_found_with_their_names() -> None:
    run = json.loads(render(REPORT, "sarif"))["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert sorted(rules) == ["PG022", "PG110", "PG201", "PG209"]
    assert rules["PG201"]["name"] == "sentence-too-long"
    assert rules["PG201"]["shortDescription"]["text"] == "an easy-read sentence over 15 words"
    assert run["tool"]["driver"]["version"] == "1.2.3"
    levels = [r["level"] for r in run["results"]]
    assert levels == ["error", "warning", "note", "warning"]


def test_junit_has_one_case_per_pack_failed_when_the_pack_was_not_built() -> None:
    cases = findings_of("junit", render(REPORT, "junit"))
    by_name = {c["case"]: c for c in cases}
    assert by_name["staff-intro"]["failed"] and by_name["staff-intro"]["type"] == "PG110"
    assert "content/modules/a.md:3: error: undefined variable 'venu'" in \
        by_name["staff-intro"]["text"]
    assert not by_name["council"]["failed"]
    # the packaged template's warning belongs to no pack: it is the project's own case
    assert not by_name["(project)"]["failed"]


def test_junit_fails_a_pack_with_warnings_only_when_strict() -> None:
    warned = (Case("staff-intro", "built", findings=(FINDINGS[0],)),)
    loose = findings_of("junit", render(Report((FINDINGS[0],), cases=warned), "junit"))
    strict = findings_of("junit", render(Report((FINDINGS[0],), cases=warned, strict=True),
                                         "junit"))
    assert [c["failed"] for c in loose] == [False]
    assert [c["failed"] for c in strict] == [True]


def test_a_path_base_is_joined_to_project_paths_only() -> None:
    moved = Report(FINDINGS, base="workshops/barod")
    data = json.loads(render(moved, "json"))
    assert [d["path"] for d in data] == [
        "workshops/barod/content/modules/a.md", "workshops/barod/content/modules/a.md",
        "workshops/barod/content/modules/b.md", "packgen:deck.pptx"]
    up = json.loads(render(Report(FINDINGS[:1], base=".."), "json"))
    assert up[0]["path"] == "../content/modules/a.md"


def test_exit_status_fails_on_errors_and_on_warnings_only_when_strict() -> None:
    warn_only = [FINDINGS[0], FINDINGS[2]]
    assert exit_status(FINDINGS, strict=False) == 1
    assert exit_status(warn_only, strict=False) == 0
    assert exit_status(warn_only, strict=True) == 1
    assert exit_status([FINDINGS[2]], strict=True) == 0


def test_diagnostic_without_path_has_no_location_prefix() -> None:
    assert str(Diagnostic(Severity.ERROR, "boom", code="PG012")) == "error: boom [PG012]"


def test_quiet_shows_what_fails_the_command_so_strict_warnings_are_never_hidden() -> None:
    from packgen.report import shown

    assert shown(FINDINGS, "quiet") == [FINDINGS[1]]
    assert shown(FINDINGS, "quiet", strict=True) == [FINDINGS[0], FINDINGS[1], FINDINGS[3]]
    assert shown(FINDINGS, "normal") == [FINDINGS[0], FINDINGS[1], FINDINGS[3]]


def test_sarif_uris_are_percent_encoded() -> None:
    odd = warning("no alt text", "content/modules/Ünï week.md", 4, "PG105")
    run = json.loads(render_findings([odd], "sarif"))["runs"][0]
    place = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert place["uri"] == "content/modules/%C3%9Cn%C3%AF%20week.md"
