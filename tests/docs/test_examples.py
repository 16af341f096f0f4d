"""Every example in README.md and docs/*.md builds or runs as the page says.

Blocks are found and read by ``doc_examples`` (its docstring gives the convention), so an
example added to any page later is tested without a change here. File examples are built in a
copy of the shipped project, in-process and deck only (the project is loaded and checked
whole, which is what an example can break); commands run as a trainer runs them, in a
subprocess, in one copy of the shipped project shared by the page's commands.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from doc_examples import FILE_KINDS, SHELL_KINDS, Example, copy_shipped, examples
from reliability_support import run_packgen

from packgen.cli import cli
from packgen.errors import PackgenError
from packgen.paths import translation_of
from packgen.report import render

EXAMPLES = examples()
FILES = [e for e in EXAMPLES if e.file]
SHELLS = [e for e in EXAMPLES if e.kind in SHELL_KINDS and not e.not_run]
EXAMPLE_PACK = "docs-example"
EASY_READ_PACK = "docs-example-easy-read"
FRONT_MATTER = "---\ntitle: An example module\nduration: 60\n---\n\n"
A_SLIDE = "\n## A slide\n\nSome text.\n"
BASE_PACK = "staff-intro"
VALUED = ("--project", "--out", "--only", "-j", "--jobs", "--shard", "--format",
          "--path-base")
"""Options of build and check that take a value."""


def ids(example: Example) -> str:
    return example.id


def file_text(example: Example) -> str:
    """Return the file an example shows: a body gets front matter, front matter a slide."""
    if "body" in example.flags:
        return FRONT_MATTER + example.text
    if "part" in example.flags:
        return FRONT_MATTER + A_SLIDE + "\n" + example.text
    if "front matter" in example.flags:
        return example.text + A_SLIDE
    return example.text


def place(root: Path, example: Example) -> list[str]:
    """Write the example into the project at ``root``; return the packs that show it."""
    path = root / example.file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(file_text(example), encoding="utf-8")
    if example.file.startswith("content/packs/"):
        return [path.stem]
    if not example.file.startswith("content/modules/"):
        return [BASE_PACK]
    pack = yaml.safe_load((root / "content/packs" / f"{BASE_PACK}.yaml").read_text("utf-8"))
    pack["modules"] = [module_id(path)]
    translated = translation_of(path.name)
    if translated:  # NAME.cy.md is the Welsh text of NAME: built in a pack in Welsh
        pack["modules"], pack["language"] = [translated[0]], translated[1]
    packs = {EXAMPLE_PACK: pack}
    if "::: easy-read" in example.text or ".easy-read" in example.text:
        packs[EASY_READ_PACK] = {**pack, "deck_style": "easy-read"}
    for name, data in packs.items():
        (root / "content/packs" / f"{name}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return list(packs)


def module_id(path: Path) -> str:
    """Return the id of the module file at ``path``: its front matter's ``id``, else its name."""
    front = path.read_text(encoding="utf-8").split("\n---", 1)[0]
    found = re.search(r"^id:\s*(\S+)", front, re.MULTILINE)
    return found[1] if found else path.stem


def build(root: Path, packs: list[str]) -> tuple[int, str]:
    """Build the decks of ``packs`` in-process; return the exit status and all it printed."""
    result = CliRunner().invoke(cli, ["build", *packs, "--project", str(root), "--only", "deck",
                                      "--jobs", "1", "--out", str(root.parent / "out")])
    return result.exit_code, printed(result)


def printed(result: Result) -> str:
    """Return what a command printed, with the findings of an error it raised."""
    if isinstance(result.exception, PackgenError):
        return result.output + render(list(result.exception.diagnostics), "text")
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.output


def test_the_pages_hold_examples_of_every_kind() -> None:
    kinds = {e.kind for e in EXAMPLES}
    assert {"markdown", "yaml", "toml", "sh", "console"} <= kinds
    assert len(FILES) >= 20


@pytest.mark.parametrize("example", EXAMPLES, ids=ids)
def test_every_example_says_what_it_is(example: Example) -> None:
    if example.kind in FILE_KINDS:
        assert example.file or example.not_run, (
            f"{example.id}: put <!-- file: PATH --> (or <!-- not run: why -->) before it")
    else:
        assert example.commands or example.not_run, (
            f"{example.id}: no packgen command: mark it <!-- not run: why -->")


def good(example: Example) -> object:
    """Return a good example as a test parameter: one still pending is expected to fail."""
    if not example.pending:
        return example
    return pytest.param(example, marks=pytest.mark.xfail(
        strict=True, reason=f"packgen does not do this yet: {example.pending}"))


@pytest.mark.parametrize("example", [good(e) for e in FILES if not e.fails_with], ids=ids)
def test_each_file_example_builds_in_the_shipped_project(tmp_path: Path,
                                                         example: Example) -> None:
    root = copy_shipped(tmp_path / "project")
    status, output = build(root, place(root, example))
    assert status == 0, output
    assert ": error:" not in output, output


@pytest.mark.parametrize("example", [e for e in FILES if e.fails_with], ids=ids)
def test_each_bad_example_fails_with_the_code_its_page_gives(tmp_path: Path,
                                                             example: Example) -> None:
    root = copy_shipped(tmp_path / "project")
    status, output = build(root, place(root, example))
    assert status == 1, output
    assert f"[{example.fails_with}]" in output, output


@pytest.fixture(scope="module")
def shared_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return one copy of the shipped project for every documented command (none edits it)."""
    return copy_shipped(tmp_path_factory.mktemp("commands") / "project")


@pytest.mark.parametrize("example", SHELLS, ids=ids)
def test_each_documented_command_exits_as_its_page_says(shared_project: Path,
                                                        example: Example) -> None:
    for line in example.commands:
        args, target = command(line)
        done = run_packgen(*args, cwd=shared_project, timeout=120)
        assert done.returncode == example.exit_status, f"{line}\n{done.stdout}{done.stderr}"
        assert "Traceback" not in done.stderr
        if target:
            (shared_project / target).write_text(done.stdout, encoding="utf-8")


def command(line: str) -> tuple[list[str], str | None]:
    """Return a documented command's arguments and the file its ``>`` writes to, if any.

    To keep the suite fast, a build or check that names no pack runs on one (every shipped
    pack builds cleanly under ``--strict``: tests/acceptance/test_shipped.py), and a build
    that does not choose its kinds builds the deck only: the project is loaded and checked
    whole all the same.
    """
    words = shlex.split(line, comments=True)[1:]
    target = None
    if ">" in words:
        at = words.index(">")
        words, target = words[:at], words[at + 1]
    if words[:1] in (["build"], ["check"]) and not names_a_pack(words[1:]):
        words.insert(1, BASE_PACK)
    if words[:1] == ["build"] and "--only" not in words:
        words += ["--only", "deck"]
    return words, target


def names_a_pack(words: list[str]) -> bool:
    """Return True when a build's or check's arguments name a pack (not an option's value)."""
    values = iter(words)
    for word in values:
        if word in VALUED:
            next(values, None)
        elif not word.startswith("-"):
            return True
    return False
