"""Inline Markdown: links packgen writes, and the line each inline finding is reported at."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_dump import make_project

from packgen.markdown.blocks import Body, parse_body
from packgen.markdown.inline import link_problem


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    make_project(root)
    return root


def parse(text: str, root: Path) -> Body:
    return parse_body(text, path="m.md", line_offset=0, root=root,
                      base_dir=root / "content" / "modules")


def links(body: Body) -> list[str]:
    return [span.link for slide in body.slides for block in slide.blocks
            for span in getattr(block, "text", ()) if span.link]


@pytest.mark.parametrize("href", ["http://example.org", "HTTPS://example.org/a?b=c",
                                  "mailto:team@example.org", "#plan"])
def test_web_mail_and_anchor_links_are_written(href: str) -> None:
    assert link_problem(href) is None


@pytest.mark.parametrize(("href", "why"), [
    ("ms-msdt:/id%20PCWDiagnostic", "has a scheme packgen does not write"),
    ("javascript:alert(1)", "has a scheme packgen does not write"),
    ("file:///etc/passwd", "has a scheme packgen does not write"),
    ("data:text/html,x", "has a scheme packgen does not write"),
    ("tel:+441234567890", "has a scheme packgen does not write"),
    ("%5C%5Chost%5Cshare", "is not a web or mail address"),
    ("other.md", "is not a web or mail address"),
    ("C:/Users/x.docx", "is not a web or mail address"),
])
def test_other_links_are_refused_with_the_address_as_written(href: str, why: str) -> None:
    problem = link_problem(href)
    assert problem is not None and why in problem
    assert "use an http, https or mailto address" in problem


def test_a_refused_link_is_one_error_at_its_own_line(project: Path) -> None:
    body = parse("## Title\n\nOne line\ntwo [bad](javascript:alert(1)) and\n"
                 "three [worse](<file:///etc/passwd>).\n", project)
    found = [(d.line, d.code, d.message.split("'")[1]) for d in body.diagnostics]
    assert found == [(4, "PG119", "javascript:alert(1)"), (5, "PG119", "file:///etc/passwd")]
    assert links(body) == []


def test_a_refused_link_inside_emphasis_after_a_break_has_its_line(project: Path) -> None:
    body = parse("## Title\n\n**bold\nstill bold** then\n[x](ms-msdt:/id) here\n", project)
    assert [(d.line, d.code) for d in body.diagnostics] == [(5, "PG119")]


def test_an_autolink_is_checked_like_any_link(project: Path) -> None:
    body = parse("## Title\n\nSee <ms-msdt:/id> and <https://example.org>.\n", project)
    assert [d.code for d in body.diagnostics] == ["PG119"]
    assert links(body) == ["https://example.org"]
