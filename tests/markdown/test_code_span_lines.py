"""A code span written over several lines counts its lines: findings after it name theirs."""

from __future__ import annotations

from pathlib import Path

import pytest
from project_support import MODULE, findings, make

from packgen.api import tailored
from packgen.errors import PackgenError

HEAD = MODULE.split("## Hello")[0]
"""The module's front matter and the blank line after it (the body starts on line 6)."""


def test_a_link_after_a_code_span_over_three_lines_is_reported_at_its_line(
        tmp_path: Path) -> None:
    body = "## Hello\n\nSay `one\ntwo\nthree` aloud,\nthen [this](javascript:alert(1)).\n"
    found = findings(make(tmp_path, {"content/modules/welcome.md": HEAD + body}))
    assert [f.split(": error:")[0] for f in found if "PG119" in f] == \
        ["content/modules/welcome.md:11"]


def test_a_variable_after_a_code_span_over_three_lines_is_reported_at_its_line(
        tmp_path: Path) -> None:
    body = "## Hello\n\nSay `one\ntwo\nthree` aloud,\nthen {{ nope }} here.\n"
    root = make(tmp_path, {"content/modules/welcome.md": HEAD + body})
    with pytest.raises(PackgenError) as caught:
        tailored(root, "p")
    assert [f"{d.path}:{d.line}" for d in caught.value.diagnostics if d.code == "PG110"] == \
        ["content/modules/welcome.md:11"]
