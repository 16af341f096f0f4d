"""The examples in docs/serve.md and the README's usage lines are what packgen does."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from live_support import Running, shipped_project
from where import REPO

from packgen.cli import cli

DOC = REPO / "docs" / "serve.md"


def sessions() -> list[tuple[list[str], list[str]]]:
    """Return each ``console`` block of the page: the command's arguments and its output."""
    blocks = re.findall(r"```console\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    found = []
    for block in blocks:
        command, *output = block.strip().splitlines()
        assert command.startswith("$ packgen "), command
        found.append((shlex.split(command)[2:], output))
    return found


def pattern(line: str) -> str:
    """Return a regular expression for a documented line: any timing, any port."""
    text = re.escape(line)
    text = re.sub(r"\d+\\\.\d+\\ s", r"\\d+\\.\\d+\\ s", text)
    return "^" + re.sub(r"127\\\.0\\\.0\\\.1:\d+", r"127\\.0\\.0\\.1:\\d+", text) + "$"


def test_the_page_has_a_watch_and_a_serve_example() -> None:
    assert [args[0] for args, _ in sessions()] == ["watch", "serve"]


@pytest.mark.parametrize(("args", "output"), sessions(), ids=lambda v: " ".join(v[:2]))
def test_each_documented_session_prints_what_the_page_shows(
        tmp_path: Path, args: list[str], output: list[str]) -> None:
    root = shipped_project(tmp_path / "project")
    running = Running(*args, cwd=root)
    try:
        for line in output:
            changed = re.match(r"(\S+) changed: ", line)
            if changed:
                path = root / changed.group(1)
                path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            running.wait_for(pattern(line))
        assert running.interrupt() == 0
    finally:
        running.stop()


@pytest.mark.parametrize("command", ["watch", "serve"])
def test_the_readme_usage_line_names_the_command_s_options(command: str) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    usage = re.search(rf"^packgen {command} .*$", readme, re.MULTILINE).group(0)
    documented = set(re.findall(r"--[a-z-]+", usage))
    options = {o for p in cli.commands[command].params for o in p.opts if o.startswith("--")}
    assert documented == options - {"--help"}
