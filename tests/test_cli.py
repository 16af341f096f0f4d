"""The command line's exit codes and output: 0 success, 1 errors, 2 usage, 70 internal error."""

from __future__ import annotations

import json
import re
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


def _result(*diagnostics) -> BuildResult:
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
    (line,) = done.stdout.strip().splitlines()
    assert line.startswith("error: project folder not found")
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
        raise PackgenError("no packs found", "content/packs", code="PG013")

    monkeypatch.setattr(api, "build", fail)
    assert _main(monkeypatch, "build") == 1
    assert capsys.readouterr().err == "content/packs: error: no packs found [PG013]\n"


@pytest.mark.parametrize(("diag", "strict", "code"), [
    (warning("long line", "content/modules/a.md", 3, "PG101"), False, 0),
    (warning("long line", "content/modules/a.md", 3, "PG101"), True, 1),
    (error("bad", "content/modules/a.md", 3, "PG003"), False, 1),
])
def test_exit_status_follows_severity_and_strict(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], diag, strict: bool,
        code: int) -> None:
    monkeypatch.setattr(api, "build", lambda *a, **k: _result(diag))
    assert _main(monkeypatch, "build", *(["--strict"] if strict else [])) == code
    assert capsys.readouterr().out.strip() == str(diag)


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

    def record(root, packs, out, kinds, force, jobs, **options):
        seen.update(kinds=kinds, force=force, packs=packs, jobs=jobs, shard=options["shard"],
                    rebuild=options["rebuild"], prune=options["prune"])
        return _result()

    monkeypatch.setattr(api, "build", record)
    assert _main(monkeypatch, "build", "p1", "--only", "deck, guide", "--force") == 0
    assert seen == {"kinds": ("deck", "guide"), "force": True, "packs": ("p1",), "jobs": None,
                    "shard": None, "rebuild": False, "prune": False}
    assert _main(monkeypatch, "build", "p1", "-j", "1", "--shard", "2/8", "--rebuild",
                 "--prune") == 0
    assert (seen["jobs"], seen["shard"], seen["rebuild"], seen["prune"]) == (1, (2, 8), True, True)


@pytest.mark.parametrize("shard", ["0/4", "5/4", "2", "a/b", "1/0"])
def test_a_shard_outside_one_to_n_is_a_usage_error(shard: str) -> None:
    done = run_packgen("build", "--shard", shard, timeout=60)
    assert done.returncode == 2
    assert "expected I/N with 1 <= I <= N" in done.stderr


# --- what goes where while a build runs ------------------------------------------------


FINDING = re.compile(r"^\S+?(:\d+)?: (error|warning|info): .+ \[PG\d{3}\]$")


def test_findings_go_to_stdout_and_progress_to_stderr(project: Path) -> None:
    module = project / "content" / "modules" / "power.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n::: sidebar\nA note.\n:::\n",
                      encoding="utf-8")
    done = run_packgen("build", "--project", str(project), "--only", "deck")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout and all(FINDING.match(ln) for ln in done.stdout.splitlines())
    lines = done.stderr.splitlines()
    ended = sorted(ln.split()[1].rstrip(":") for ln in lines[:-1])  # in the order they end
    assert ended == ["self-advocates", "staff-short"]
    assert all(ln.split()[0] == "built" for ln in lines[:-1])
    assert lines[-1] == "2 packs in build: 2 built"


def test_a_machine_format_keeps_stdout_one_document(project: Path) -> None:
    import json

    done = run_packgen("build", "--project", str(project), "--only", "deck", "--format", "json")
    assert done.returncode == 0
    assert isinstance(json.loads(done.stdout), list)
    assert "2 packs in build" in done.stderr


def test_quiet_prints_errors_only_and_verbose_adds_timings_and_readability(
        project: Path) -> None:
    quiet = run_packgen("build", "--project", str(project), "--only", "deck", "-q")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")
    normal = run_packgen("build", "--project", str(project), "--only", "deck", "--rebuild")
    verbose = run_packgen("build", "--project", str(project), "--only", "deck", "-v",
                          "--rebuild")
    assert "[PG209]" not in normal.stdout
    assert "[PG209]" in verbose.stdout
    assert re.search(r"built staff-short: deck \d+\.\d\d s \(\d+\.\d\d s\)", verbose.stderr)
    check = run_packgen("check", "--project", str(project))
    assert "[PG209]" in check.stdout


def test_each_pack_is_reported_as_it_ends_not_all_at_the_end(project: Path) -> None:
    import subprocess

    command = [sys.executable, "-m", "packgen", "build", "--project", str(project), "-j", "1"]
    with subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                          text=True) as child:
        first = child.stderr.readline()
        still_running = child.poll() is None
        rest = child.stderr.read()
    assert first.split()[:2] == ["built", "self-advocates:"], first + rest
    assert still_running, "the first pack's line came only when the build had ended"


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_on_a_terminal_a_status_line_is_rewritten_in_place_then_cleared(project: Path) -> None:
    import os
    import pty
    import subprocess

    main, tty = pty.openpty()
    command = [sys.executable, "-m", "packgen", "build", "--project", str(project), "--only",
               "deck"]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=tty) as child:
        os.close(tty)
        shown = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the build ended and closed the terminal
                break
            if not chunk:
                break
            shown += chunk
    os.close(main)
    text = shown.decode()
    assert child.returncode == 0
    assert re.search(r"\[\d/2\] building (self-advocates|staff-short) \(deck\)", text), text
    assert "\r\x1b[K" in text
    assert text.rstrip().endswith("2 packs in build: 2 built"), text


# --- packgen rules, and findings that carry their code -------------------------------------


def test_rules_lists_every_code_with_its_severity_name_and_summary() -> None:
    from packgen.codes import CATALOGUE

    done = run_packgen("rules")
    assert done.returncode == 0 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [c.code for c in CATALOGUE]
    assert re.fullmatch(r"PG108  warning  slide-too-full +too much text on one slide",
                        next(line for line in lines if line.startswith("PG108")))


def test_rules_explains_a_code_the_same_by_code_and_by_name() -> None:
    by_code, by_name = run_packgen("rules", "PG108"), run_packgen("rules", "slide-too-full")
    assert by_code.returncode == by_name.returncode == 0
    assert by_code.stdout == by_name.stdout
    text = by_code.stdout
    assert text.startswith("PG108 slide-too-full (warning)\ntoo much text on one slide\n")
    for title in ("What it checks", "Why it matters", "How to fix it", "How to silence it"):
        assert f"\n{title}\n" in text
    assert '    [silence]\n    PG108 = ["content/modules/intro.md"]\n' in text


def test_rules_says_an_error_cannot_be_silenced() -> None:
    done = run_packgen("rules", "pg110")
    assert "Errors cannot be silenced" in done.stdout


@pytest.mark.parametrize(("key", "close"), [("PG1008", "PG108"),
                                            ("slide-too-ful", "slide-too-full")])
def test_rules_of_an_unknown_code_is_one_finding_with_did_you_mean(key: str, close: str) -> None:
    done = run_packgen("rules", key)
    assert done.returncode == 1 and done.stderr == ""
    assert done.stdout == (f"error: no finding code or name '{key}'; did you mean '{close}'? "
                           "(packgen rules lists every code) [PG019]\n")
    as_json = run_packgen("rules", key, "--format", "json")
    assert as_json.returncode == 1
    assert [d["code"] for d in json.loads(as_json.stdout)] == ["PG019"]


def test_rules_as_json_is_the_catalogue_or_the_one_entry() -> None:
    import json

    from packgen.codes import CATALOGUE

    every = json.loads(run_packgen("rules", "--format", "json").stdout)
    assert [e["code"] for e in every] == [c.code for c in CATALOGUE]
    assert set(every[0]) == {"code", "severity", "name", "summary", "checks", "why", "fix",
                             "silence"}
    one = json.loads(run_packgen("rules", "PG501", "--format", "json").stdout)
    assert (one["code"], one["name"], one["severity"]) == ("PG501", "text-overflow", "warning")


def test_a_missing_project_folder_prints_its_code(tmp_path: Path) -> None:
    done = run_packgen("check", "--project", str(tmp_path / "nowhere"))
    assert done.stdout.strip().endswith("[PG012]")


def test_a_pack_naming_no_known_pack_prints_its_code(project: Path) -> None:
    done = run_packgen("check", "no-such-pack", "--project", str(project))
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        ("content/packs: error: no pack 'no-such-pack' (known packs: self-advocates, "
         "staff-short) [PG014]")]


def test_a_missing_template_prints_its_code(project: Path) -> None:
    done = run_packgen("template", "check", "nowhere.pptx", "--project", str(project))
    assert done.returncode == 1
    assert done.stdout.strip() == "error: template not found: nowhere.pptx [PG407]"


def test_an_invalid_print_template_prints_its_code(project: Path, tmp_path: Path) -> None:
    (project / "templates" / "guide.typ").write_text("#let x = (\n", encoding="utf-8")
    done = run_packgen("build", "--only", "guide", "--project", str(project),
                       "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    printed = [line for line in done.stdout.splitlines() if "print template" in line]
    assert printed and all(line.startswith("templates/guide.typ:") and line.endswith("[PG408]")
                           for line in printed)


def test_a_module_without_front_matter_prints_its_code(project: Path) -> None:
    (project / "content" / "modules" / "stray.md").write_text("# Hello\n", encoding="utf-8")
    done = run_packgen("check", "--project", str(project))
    assert done.returncode == 1
    assert ("content/modules/stray.md:1: error: module has no front matter: its first line must "
            "be --- followed by title: and duration: [PG125]") in done.stdout.splitlines()
