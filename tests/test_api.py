"""`packgen template check` tells a designer what a template can build; a build that cannot
write is one finding and keeps the previous outputs."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from packgen.api import BuildResult
from packgen.cli import cli
from packgen.errors import Diagnostic
from packgen.paths import packaged_templates


def _run(*args: str):
    return CliRunner().invoke(cli, ["template", "check", *args])


def test_packaged_template_can_build_every_slide_kind(tmp_path: Path) -> None:
    result = _run("--project", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "packgen:deck.pptx: 13 layouts in 1 slide master, 0 slides" in result.output
    assert "cannot:" not in result.output and "Paste into" not in result.output
    assert "  easy-read  'Easy Read' (default name)" in result.output


def test_a_missing_layout_is_matched_and_a_missing_mapped_one_is_named(tmp_path: Path) -> None:
    deck = tmp_path / "templates" / "deck.pptx"
    deck.parent.mkdir()
    shutil.copy(packaged_templates() / "deck.pptx", deck)
    prs = Presentation(str(deck))
    quote = next(lay for lay in prs.slide_layouts if lay.name == "Quote")
    prs.slide_layouts.remove(quote)
    prs.save(str(deck))
    result = _run("--project", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "templates/deck.pptx: 12 layouts" in result.output
    assert "  quote      'Title and Content' (matched by name: no 'Quote' layout)" in result.output
    assert '  quote: "Title and Content"' in result.output
    (tmp_path / "templates" / "theme.yaml").write_text('layouts:\n  quote: "Quote"\n',
                                                       encoding="utf-8")
    result = _run("--project", str(tmp_path))
    assert result.exit_code == 1
    assert "  quote      cannot: 'Quote' (theme.yaml) not found [PG401]" in result.output
    assert "maps quote slides to layout 'Quote', which the template lacks" in result.output


def test_a_file_that_is_not_a_template_is_one_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "deck.pptx"
    bad.write_text("not a zip", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "packgen", "template", "check", str(bad)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stdout.strip().splitlines() == [
        f"{bad.as_posix()}: error: not a PowerPoint template: the file is not a zip archive "
        "(damaged or another format) [PG002]"]


# --- build: write failures are one finding, previous outputs kept ------------------------


def _built_once(project: Path) -> tuple[str, Path, dict[str, str]]:
    from reliability_support import digests, only_pack, standard_pack

    from packgen import api

    pack = standard_pack(project)
    only_pack(project, pack)
    out = project / "build"
    assert api.build(project, (), out, ("deck",)).failed == []
    return pack, out, digests(out / pack)


def _errors(result: BuildResult) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.severity.value == "error"]


def _fail_with(code: int, where: str) -> Callable[..., None]:
    def fail(*args: object, **_kwargs: object) -> None:
        path = next((a for a in args if isinstance(a, Path)), None)
        raise OSError(code, os.strerror(code), str(path if where == "arg" else where))
    return fail


def test_a_full_disk_while_writing_the_manifest_keeps_the_outputs(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reliability_support import digests

    from packgen import api
    from packgen.output import staging as stg

    pack, out, before = _built_once(project)
    monkeypatch.setattr(stg, "write_manifest", _fail_with(errno.ENOSPC, "arg"))
    result = api.build(project, (), out, ("deck",), rebuild=True)
    (err,) = _errors(result)
    assert (err.path, err.code) == (f"build/{pack}", "PG006")
    assert "disk is full" in err.message
    assert digests(out / pack) == before
    assert sorted(p.name for p in out.iterdir()) == [pack]


def test_a_read_only_output_folder_is_named_once(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reliability_support import digests

    from packgen import api
    from packgen.output.lock import PackLock

    pack, out, before = _built_once(project)
    monkeypatch.setattr(PackLock, "acquire",
                        _fail_with(errno.EACCES, str(out / f".{pack}.lock")))
    (err,) = _errors(api.build(project, (), out, ("deck",), rebuild=True))
    assert (err.path, err.code) == ("build", "PG006")
    assert "permission denied" in err.message
    assert digests(out / pack) == before


def test_a_failed_swap_restores_the_previous_outputs(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reliability_support import digests

    from packgen import api
    from packgen.output import staging as stg

    pack, out, before = _built_once(project)
    real = os.replace

    def refuse_new_folder(src: object, dst: object) -> None:
        if ".staging-" in str(src):
            raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(src))
        real(src, dst)

    monkeypatch.setattr(stg.os, "replace", refuse_new_folder)
    (err,) = _errors(api.build(project, (), out, ("deck",), rebuild=True))
    assert err.code == "PG006"
    monkeypatch.undo()
    assert digests(out / pack) == before
    assert sorted(p.name for p in out.iterdir()) == [pack]


def test_an_unreadable_input_during_a_build_is_a_read_error_not_a_write_error(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from packgen import api

    _pack, out, _before = _built_once(project)
    picture = project / "content" / "images" / "cover.png"
    from packgen.output import building

    monkeypatch.setattr(building, "_rendered_rules", _fail_with(errno.EIO, str(picture)))
    (err,) = _errors(api.build(project, (), out, ("deck",), rebuild=True))
    assert (err.path, err.code) == ("content/images/cover.png", "PG003")


def test_an_output_folder_on_the_sources_is_refused_before_loading(tmp_path: Path) -> None:
    from packgen import api

    (tmp_path / "content").mkdir()
    result = api.build(tmp_path, (), tmp_path / "content")
    assert result.diagnostics[0].code == "PG004"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_a_temporary_folder_that_cannot_be_made_is_one_finding_for_check(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from packgen import api

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/tmp/packgen-check-x")

    monkeypatch.setattr(tempfile, "TemporaryDirectory", full)
    (diag,) = api.check(project).diagnostics
    assert (diag.path, diag.code) == ("/tmp/packgen-check-x", "PG006")
    assert "disk is full" in diag.message and "TMPDIR" in diag.message
