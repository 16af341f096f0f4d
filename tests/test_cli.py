"""The command line's exit codes and output: 0 success, 1 errors, 2 usage, 70 internal error."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from reliability_support import run_packgen

from packgen import api, cli
from packgen.api import BuildResult
from packgen.errors import PackgenError, error, warning


def _main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["packgen", *args])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    return exc.value.code


def _result(*diagnostics) -> BuildResult:  # noqa: ANN002
    return BuildResult(diagnostics=list(diagnostics))


def test_version_exits_zero() -> None:
    done = run_packgen("--version")
    assert done.returncode == 0 and "packgen" in done.stdout


@pytest.mark.parametrize("args", [["build", "--no-such-option"], ["build", "--only", "bogus"],
                                  ["no-such-command"], ["build", "--only", "deck,bogus"],
                                  ["build", "--format", "xml"]])
def test_usage_errors_exit_two_without_traceback(args: list[str], tmp_path: Path) -> None:
    done = run_packgen(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    assert "Usage:" in done.stderr


def test_only_bogus_names_the_accepted_kinds(tmp_path: Path) -> None:
    done = run_packgen("build", "--only", "bogus", cwd=tmp_path)
    assert "expected one of deck, guide, handout" in done.stderr


def test_missing_project_folder_is_an_error_line(tmp_path: Path) -> None:
    done = run_packgen("build", "--project", str(tmp_path / "nowhere"))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith("error: project folder not found")
    assert "Traceback" not in done.stderr


def test_an_unexpected_exception_is_exit_70_with_a_traceback(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def explode(*_args: object, **_kwargs: object) -> BuildResult:
        raise RuntimeError("builder fell over")

    monkeypatch.setattr(api, "build", explode)
    assert _main(monkeypatch, "build") == 70
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError: builder fell over" in err
    assert "bug in packgen" in err


def test_a_packgen_error_is_one_line_and_exit_1(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def fail(*_args: object, **_kwargs: object) -> BuildResult:
        raise PackgenError("no packs found", "content/packs")

    monkeypatch.setattr(api, "build", fail)
    assert _main(monkeypatch, "build") == 1
    assert capsys.readouterr().err == "content/packs: error: no packs found\n"


@pytest.mark.parametrize(("diag", "strict", "code"), [
    (warning("long line", "content/modules/a.md", 3, "PG101"), False, 0),
    (warning("long line", "content/modules/a.md", 3, "PG101"), True, 1),
    (error("bad", "content/modules/a.md", 3), False, 1),
])
def test_exit_status_follows_severity_and_strict(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], diag, strict: bool,
        code: int) -> None:  # noqa: ANN001
    monkeypatch.setattr(api, "build", lambda *a, **k: _result(diag))
    assert _main(monkeypatch, "build", *(["--strict"] if strict else [])) == code
    assert capsys.readouterr().err.strip() == str(diag)


def test_success_exits_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "build", lambda *a, **k: _result())
    assert _main(monkeypatch, "build") == 0


def test_json_findings_go_to_stdout(monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    import json

    diag = warning("long line", "content/modules/a.md", 3, "PG101")
    monkeypatch.setattr(api, "build", lambda *a, **k: _result(diag))
    assert _main(monkeypatch, "build", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)[0]["line"] == 3


def test_only_passes_the_chosen_kinds_to_the_library(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = {}

    def record(root, packs, out, kinds, force, jobs):  # noqa: ANN001
        seen.update(kinds=kinds, force=force, packs=packs, jobs=jobs)
        return _result()

    monkeypatch.setattr(api, "build", record)
    assert _main(monkeypatch, "build", "p1", "--only", "deck, guide", "--force") == 0
    assert seen == {"kinds": ("deck", "guide"), "force": True, "packs": ("p1",), "jobs": None}
    assert _main(monkeypatch, "build", "p1", "-j", "1") == 0
    assert seen["jobs"] == 1
