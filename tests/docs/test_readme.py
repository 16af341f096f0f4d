"""The README's command summary, exit codes and shell completion are what packgen does."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click
import pytest
from doc_examples import copy_shipped
from reliability_support import run_packgen
from where import REPO

from packgen import cli as cli_module
from packgen.cli import cli

README = (REPO / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    """Return the README's text under the heading ``title``, up to the next heading."""
    found = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^#+ )", README, re.MULTILINE | re.DOTALL)
    assert found, f"README has no section {title!r}"
    return found[1]


def summary() -> dict[str, str]:
    """Return each command of the README's summary (``template check``) to its synopsis."""
    block = re.search(r"```\n(.*?)```", section("Commands"), re.DOTALL)[1]
    entries: dict[str, str] = {}
    for line in block.splitlines():
        if line.startswith("packgen "):
            words = line.split()[1:3]
            name = " ".join(w for w in words if re.fullmatch(r"[a-z]+", w)) or words[0]
            entries[name] = line
        elif line.strip():
            entries[name] += " " + line.strip()
    return entries


def commands(group: click.Group = cli, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    """Yield every command packgen has, by its full name (``template check``)."""
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


COMMANDS = dict(commands())


def options(command: click.Command) -> set[str]:
    """Return every option a command's --help shows, short and long (not -h/--help)."""
    return {o for p in command.params if isinstance(p, click.Option)
            for o in p.opts + p.secondary_opts}


def written(synopsis: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", synopsis.split("packgen ", 1)[1]))


def test_the_summary_lists_every_command_packgen_has() -> None:
    assert sorted(summary()) == sorted([*COMMANDS, "--version"])


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_summary_lists_every_option_of_each_command_and_no_other(name: str) -> None:
    assert written(summary()[name]) == options(COMMANDS[name])


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_summary_spells_out_each_choice_as_the_command_takes_it(name: str) -> None:
    for param in COMMANDS[name].params:
        if isinstance(param.type, click.Choice):
            assert f"{param.opts[-1]} {'|'.join(param.type.choices)}" in summary()[name]


# --- exit codes ------------------------------------------------------------------------


def documented_exit_codes() -> list[int]:
    return [int(c) for c in re.findall(r"^\| (\d+) \|", section("Exit codes"), re.MULTILINE)]


def usage_error(tmp_path: Path) -> int:
    return run_packgen("build", "--only", "slides", cwd=tmp_path).returncode


def content_error(tmp_path: Path) -> int:
    done = run_packgen("check", "no-such-pack", "--project", str(tmp_path), cwd=tmp_path)
    assert "error: no pack 'no-such-pack'" in done.stdout
    return done.returncode


def success(tmp_path: Path) -> int:
    return run_packgen("--version", cwd=tmp_path).returncode


def internal_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    def broken(_root: Path) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("packgen.api.list_project", broken)
    return exit_of_main(monkeypatch, ["packgen", "list", "--project", str(tmp_path)])


def interrupted(tmp_path: Path) -> int:
    """Return the status of a build sent SIGINT (Ctrl-C) once its first pack is built."""
    root = copy_shipped(tmp_path / "project")
    with subprocess.Popen([sys.executable, "-m", "packgen", "build", "--jobs", "1", "--only",
                           "deck", "--project", str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True) as running:
        first = running.stderr.readline()
        running.send_signal(signal.SIGINT)
        rest = running.stderr.read()
        status = running.wait(timeout=60)
    assert first.strip().startswith("built"), first + rest
    assert rest.splitlines()[-1:] == ["Aborted."], rest
    return status


def exit_of_main(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> int:
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as exited:
        cli_module.main()
    return exited.value.code


MAKES: dict[int, Callable[..., int]] = {0: success, 1: content_error, 2: usage_error,
                                        70: internal_error, 130: interrupted}
"""Each documented exit status, and a run that ends with it."""


def test_the_exit_code_table_lists_every_status_packgen_exits_with() -> None:
    assert documented_exit_codes() == sorted(MAKES)


@pytest.mark.parametrize("code", sorted(MAKES))
def test_each_documented_exit_code_is_what_packgen_exits_with(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    make = MAKES[code]
    arguments = (tmp_path, monkeypatch) if make is internal_error else (tmp_path,)
    assert make(*arguments) == code


def test_ctrl_c_inside_a_command_is_exit_130_with_aborted(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupt(_root: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("packgen.api.list_project", interrupt)
    assert exit_of_main(monkeypatch, ["packgen", "list"]) == 130
    assert capsys.readouterr().err.strip().endswith("Aborted.")


# --- shell completion ------------------------------------------------------------------

SHELLS = {"bash": "_packgen_completion()", "zsh": "#compdef packgen",
          "fish": "function _packgen_completion"}
"""Each shell to a line its completion script starts with."""


def test_the_readme_shows_completion_for_bash_zsh_and_fish() -> None:
    shown = re.findall(r"_PACKGEN_COMPLETE=(\w+)_source packgen", section("Shell completion"))
    assert shown == list(SHELLS)


@pytest.mark.parametrize("shell", SHELLS)
def test_the_documented_completion_command_prints_a_script_for_the_shell(
        tmp_path: Path, shell: str) -> None:
    done = run_packgen(env={"_PACKGEN_COMPLETE": f"{shell}_source"}, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert SHELLS[shell] in done.stdout


def test_completion_completes_a_command_name(tmp_path: Path) -> None:
    done = run_packgen(env={"_PACKGEN_COMPLETE": "bash_complete", "COMP_WORDS": "packgen bu",
                            "COMP_CWORD": "1"}, cwd=tmp_path)
    assert done.stdout.split() == ["plain,build"]


def test_template_check_prints_one_line_for_each_layout(tmp_path: Path) -> None:
    done = run_packgen("template", "check", "--project", str(copy_shipped(tmp_path)),
                       cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "packgen:deck.pptx: 13 layouts in 1 slide master, 0 slides"
    assert "  Title Slide" in lines
