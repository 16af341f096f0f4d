"""`packgen template check` tells a designer what a template can build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from pptx import Presentation

from packgen.cli import cli
from packgen.paths import packaged_templates


def _run(*args: str):  # noqa: ANN202
    return CliRunner().invoke(cli, ["template", "check", *args])


def test_packaged_template_can_build_every_slide_kind(tmp_path: Path) -> None:
    result = _run("--project", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "packgen:deck.pptx: 11 layouts, 0 slides" in result.output
    assert "Cannot build" not in result.output
    assert "easy-read (Easy Read)" in result.output


def test_missing_layout_is_named_with_what_is_missing(tmp_path: Path) -> None:
    deck = tmp_path / "templates" / "deck.pptx"
    deck.parent.mkdir()
    shutil.copy(packaged_templates() / "deck.pptx", deck)
    prs = Presentation(str(deck))
    quote = next(lay for lay in prs.slide_layouts if lay.name == "Quote")
    prs.slide_layouts.remove(quote)
    prs.save(str(deck))
    result = _run("--project", str(tmp_path))
    assert result.exit_code == 1
    assert "templates/deck.pptx: 10 layouts" in result.output
    assert "Cannot build quote" in result.output


def test_a_file_that_is_not_a_template_is_one_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "deck.pptx"
    bad.write_text("not a zip", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "packgen", "template", "check", str(bad)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"{bad.as_posix()}: error: not a PowerPoint template: the file is not a zip archive "
        "(damaged or another format) [PG002]"]
