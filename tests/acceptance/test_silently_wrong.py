"""Input that once built something wrong without a word is now one finding, through the real CLI.

Each case changes one thing in a copy of the shipped project, runs ``python -m packgen build``
on one pack, and checks what the user sees: the exit code, exactly one finding line (path,
line and code) and never a traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from formats import assert_in_every_format
from where import REPO

from packgen.output.building import NOT_BUILT

PACK = "content/packs/staff-intro.yaml"
WELCOME = "content/modules/welcome.md"
POWER = "content/modules/power-and-control.md"
FINDING = re.compile(r"^(?P<path>[^\s:][^:]*?)(?::(?P<line>\d+))?: (?P<severity>error|warning|"
                     r"info): .* \[(?P<code>PG\d{3})\]$")


@dataclass(frozen=True)
class Case:
    """One bad input: how to make it, and the one finding it gives."""

    name: str
    change: Callable[[Path], None]
    path: str
    line: int | None
    severity: str
    code: str
    says: str
    pack: str = "staff-intro"

    @property
    def exit_code(self) -> int:
        return 1 if self.severity == "error" else 0


def replace(name: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    """Return a change that replaces ``old`` by ``new`` in the project's file ``name``."""
    def change(root: Path) -> None:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return change


def write(name: str, text: str) -> Callable[[Path], None]:
    """Return a change that writes ``text`` to the project's file ``name``."""
    def change(root: Path) -> None:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return change


def theme(extra: str, swap: tuple[str, str] = ("", "")) -> Callable[[Path], None]:
    """Return a change that copies the packaged theme into templates/, with ``extra`` lines
    added and the text ``swap[0]`` replaced by ``swap[1]``."""
    def change(root: Path) -> None:
        packaged = REPO / "src" / "packgen" / "templates" / "theme.yaml"
        text = packaged.read_text(encoding="utf-8").replace(*swap, 1) if swap[0] else \
            packaged.read_text(encoding="utf-8")
        (root / "templates" / "theme.yaml").write_text(text + extra, encoding="utf-8")
    return change


def rename(old: str, new: str) -> Callable[[Path], None]:
    return lambda root: (root / old).rename(root / new)


def copy(old: str, new: str) -> Callable[[Path], None]:
    return lambda root: shutil.copy(root / old, root / new)


def link_modules_to_itself(root: Path) -> None:
    shutil.rmtree(root / "content" / "modules")
    (root / "content" / "modules").symlink_to("modules")


def loop_of_links(root: Path) -> None:
    (root / "content" / "modules" / "a").symlink_to("b.md")
    (root / "content" / "modules" / "b.md").symlink_to("a")


def link_back_to_parent(root: Path) -> None:
    (root / "content" / "images" / "again").symlink_to("..")


def twin_module(root: Path) -> None:
    text = (root / WELCOME).read_text(encoding="utf-8")
    (root / "content/modules/welcome-again.md").write_text(
        text.replace("---\n", "---\nid: welcome\n", 1), encoding="utf-8")


CASES = [
    Case("start-1330", replace(PACK, 'start: "10:00"', "start: 1330"), PACK, 7, "error",
         "PG120", 'write start: "13:30"'),
    Case("start-13.30", replace(PACK, 'start: "10:00"', 'start: "13.30"'), PACK, 7, "error",
         "PG120", 'write start: "13:30"'),
    Case("start-25h", replace(PACK, 'start: "10:00"', 'start: "25:00"'), PACK, 7, "error",
         "PG120", "the hour must be 0 to 23"),
    Case("start-unquoted", replace(PACK, 'start: "10:00"', "start: 10:00"), PACK, 7, "info",
         "PG121", 'write start: "10:00"'),
    Case("break-at-1130", replace(PACK, "participants: 18",
                                  "participants: 18\nbreaks: [{at: 1130, minutes: 10}]"),
         PACK, 12, "error", "PG120", 'write at: "11:30"'),
    Case("past-midnight", replace(PACK, 'start: "10:00"', 'start: "23:30"'), PACK, 7,
         "warning", "PG304", "runs past midnight"),
    Case("theme-font-role", theme("  bdy: Arial\n"), "templates/theme.yaml", 19, "error",
         "PG025", "did you mean 'body'?"),
    Case("theme-layout", theme("layouts:\n  qoute: Quote\n"), "templates/theme.yaml", 20,
         "error", "PG025", "did you mean 'quote'?"),
    Case("theme-colour", theme("", ("  muted:", "  mutd:")), "templates/theme.yaml", 8,
         "error", "PG025", "did you mean 'muted'?"),
    Case("toml-threshold", write("packgen.toml", "[rules]\nslide_words = 40\nslide_line = 6\n"),
         "packgen.toml", 3, "error", "PG025", "did you mean 'slide_lines'?"),
    Case("toml-type", write("packgen.toml", '[rules]\nslide_lines = "six"\n'), "packgen.toml",
         2, "error", "PG026", "must be a whole number above 0; found 'six'"),
    Case("toml-silence", write("packgen.toml", '[silence]\nPG10 = ["*"]\n'), "packgen.toml", 2,
         "error", "PG028", "not a rule code"),
    Case("width-abc", replace(WELCOME, "(../images/hello.png)", "(../images/hello.png){width=abc}"),
         WELCOME, 114, "error", "PG122", "width must be a percentage such as 40%"),
    Case("height", replace(WELCOME, "(../images/hello.png)",
                           "(../images/hello.png){width=40% height=3cm}"),
         WELCOME, 114, "info", "PG166", "height=3cm is not read beside a width"),
    Case("minutes-ten", replace("content/modules/mapping-activity.md", "minutes=15",
                                "minutes=ten"),
         "content/modules/mapping-activity.md", 29, "error", "PG122", "found 'ten'"),
    Case("column-width", replace(POWER, "\n::: column\n", "\n::: {.column width=wide}\n"), POWER, 38,
         "error", "PG122", "column width must be"),
    Case("module-file-name", copy(WELCOME, "content/modules/my welcome.md"),
         "content/modules/my welcome.md", 1, "error", "PG123", "rename the file to my-welcome.md"),
    Case("module-id", replace(WELCOME, "---\n", "---\nid: wel come\n"), WELCOME, 2, "error",
         "PG123", "write id: wel-come"),
    Case("pack-file-name", rename(PACK, "content/packs/staff intro.yaml"),
         "content/packs/staff intro.yaml", 1, "error", "PG123",
         "rename the file to staff-intro.yaml", pack="staff intro"),
    Case("same-module-id", twin_module, "content/modules/welcome.md", 1, "error", "PG124",
         "used by both content/modules/welcome-again.md and content/modules/welcome.md"),
    Case("modules-link-to-itself", link_modules_to_itself, "content/modules", None, "error",
         "PG027", "a loop of symbolic links"),
    Case("loop-of-links", loop_of_links, "content/modules/a", None, "error", "PG027",
         "it loops through b.md"),
    Case("link-back-to-parent", link_back_to_parent, "content/images/again", None, "error",
         "PG027", "leads back to a folder that holds it"),
    Case("unknown-module", replace(PACK, "  - welcome\n", "  - welcom\n"), PACK, 13, "error",
         "PG111", "did you mean 'welcome'?"),
    Case("unknown-audience", replace(PACK, "audience: staff", "audience: staf"), PACK, 4,
         "error", "PG112", "did you mean 'staff'?"),
    Case("variable-typo", replace(WELCOME, "{{ facilitator_names }}", "{{ organsation }}"),
         WELCOME, 19, "error", "PG110", "did you mean 'organisation'?"),
    Case("contact-typo", replace(WELCOME, "{{ facilitator_names }}", "{{ contact.emial }}"),
         WELCOME, 19, "error", "PG110", "did you mean 'contact.email'?"),
]


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a copy of the shipped project's content and templates."""
    root = tmp_path_factory.mktemp("shipped")
    for folder in ("content", "templates"):
        shutil.copytree(REPO / folder, root / folder, symlinks=True)
    return root


def build(root: Path, pack: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run(
        [sys.executable, "-m", "packgen", "build", pack, "--only", "deck", "-j", "1",
         "--project", str(root), "--out", str(root / "out")],
        capture_output=True, text=True, timeout=600, env=env, cwd=root, check=False)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_silently_wrong_input_is_one_finding(shipped: Path, tmp_path: Path,
                                                  case: Case) -> None:
    root = tmp_path / "project"
    shutil.copytree(shipped, root, symlinks=True)
    case.change(root)
    done = build(root, case.pack)
    shown = done.stdout + done.stderr
    assert "Traceback" not in shown
    found = [m for m in map(FINDING.match, shown.splitlines()) if m and m["code"] != NOT_BUILT]
    assert len(found) == 1, shown
    assert done.returncode == case.exit_code, shown
    finding = found[0]
    line = int(finding["line"]) if finding["line"] else None
    assert (finding["path"], line, finding["severity"], finding["code"]) == \
        (case.path, case.line, case.severity, case.code), shown
    assert case.says in finding.string
    if case.path != PACK.replace("staff-intro", case.pack):  # a pack file that cannot load
        args = ["build", case.pack, "--only", "deck", "-j", "1", "--project", str(root),
                "--out", str(root / "out")]
        assert_in_every_format(args, case.path, case.code, case.severity, case.pack)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
@pytest.mark.parametrize("folder", ["content/modules", "content/images", "templates"])
def test_an_unreadable_folder_is_one_finding(shipped: Path, tmp_path: Path, folder: str) -> None:
    root = tmp_path / "project"
    shutil.copytree(shipped, root, symlinks=True)
    (root / folder).chmod(0)
    try:
        done = build(root, "staff-intro")
    finally:
        (root / folder).chmod(0o755)
    found = [m for m in map(FINDING.match, (done.stdout + done.stderr).splitlines()) if m and m["code"] != NOT_BUILT]
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert [(m["path"], m["code"]) for m in found] == [(folder, "PG027")]


def test_the_shipped_project_gives_no_finding(shipped: Path) -> None:
    done = build(shipped, "staff-intro")
    assert done.returncode == 0, done.stderr
    assert [ln for ln in (done.stdout + done.stderr).splitlines() if FINDING.match(ln)] == []
