"""Kinds written side by side give what one process gives, and report what goes wrong."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml
from reliability_support import digests, first_pack, standard_pack

from packgen import api
from packgen.builders import jobs

forks = pytest.mark.skipif(sys.platform != "linux", reason="kinds are forked on Linux only")


@pytest.mark.parametrize(("count", "groups"), [
    (1, [["deck", "guide", "handout"]]),
    (2, [["deck"], ["guide", "handout"]]),
    (3, [["deck"], ["guide"], ["handout"]]),
    (8, [["deck"], ["guide"], ["handout"]]),
])
def test_kinds_are_split_into_ordered_groups(count: int, groups: list[list[str]]) -> None:
    assert jobs.split(["deck", "guide", "handout"], count) == groups


def test_one_kind_is_never_split() -> None:
    assert jobs.split(["guide"], 4) == [["guide"]]


def test_available_jobs_is_at_least_one() -> None:
    assert jobs.available_jobs() >= 1


def test_nothing_is_forked_while_another_thread_runs(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("forked while another thread ran")

    monkeypatch.setattr(jobs._Child, "start", refuse)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        result = api.build(project, [first_pack(project)], tmp_path / "out", jobs=3)
    finally:
        stop.set()
        other.join()
    assert not result.failed


def test_the_print_engine_leaves_worker_threads_behind_once_it_has_run(tmp_path: Path) -> None:
    script = ("import os, typst\n"
              "before = len(os.listdir('/proc/self/task'))\n"
              "typst.compile(b'= Hello')\n"
              "print(before, len(os.listdir('/proc/self/task')))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=True)
    before, after = map(int, done.stdout.split())
    assert before == 1 and after > 1


# The cases below fork, so each runs in a fresh process: one that has run the print engine
# never forks (see packgen.builders.jobs).

BUILD = """
import sys
from pathlib import Path
from packgen import api
from packgen.builders import jobs
from packgen.errors import InternalError
{setup}
root, pack, out, count = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
try:
    result = api.build(root, [pack], out, jobs=count)
except InternalError as exc:
    print("internal error:", exc)
    sys.exit(70)
for diagnostic in result.diagnostics:
    print(str(diagnostic).replace(str(out), "OUT"))
sys.exit(1 if result.failed else 0)
"""
BROKEN = """
real = jobs.get_builder
class Broken:
    def build(self, tp, folder):
        {action}
jobs.get_builder = lambda kind: Broken() if kind == "{kind}" else real(kind)
"""


def _build_in_fresh_process(project: Path, out: Path, count: int, setup: str = "",
                            pack: str | None = None, temp: Path | None = None
                            ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TMPDIR": str(temp)} if temp is not None else None
    return subprocess.run(
        [sys.executable, "-c", BUILD.format(setup=setup), str(project),
         pack or first_pack(project),
         str(out), str(count)], capture_output=True, text=True, timeout=300, check=False,
        env=env)


@forks
def test_side_by_side_gives_the_same_files_and_findings_as_one_process(
        project: Path, tmp_path: Path) -> None:
    alone = _build_in_fresh_process(project, tmp_path / "one", 1)
    together = _build_in_fresh_process(project, tmp_path / "three", 3)
    assert alone.returncode == together.returncode == 0, alone.stderr + together.stderr
    assert digests(tmp_path / "one") == digests(tmp_path / "three")
    assert alone.stdout == together.stdout


@forks
def test_a_forked_build_leaves_no_temporary_folder_behind(project: Path, tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    done = _build_in_fresh_process(project, tmp_path / "out", 3, temp=temp)
    assert done.returncode == 0, done.stdout + done.stderr
    assert list(temp.iterdir()) == []


@forks
def test_an_error_in_a_forked_kind_is_reported_and_nothing_is_written(
        project: Path, tmp_path: Path) -> None:
    (project / "templates" / "handout.typ").write_text("#let x = (\n", encoding="utf-8")
    done = _build_in_fresh_process(project, tmp_path / "out", 3)
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith("templates/handout.typ:"), done.stdout
    assert list((tmp_path / "out").iterdir()) == []


@forks
def test_a_bug_in_a_forked_kind_is_an_internal_error_with_its_traceback(
        project: Path, tmp_path: Path) -> None:
    setup = BROKEN.format(action='raise RuntimeError("guide writer broke")', kind="guide")
    done = _build_in_fresh_process(project, tmp_path / "out", 3, setup)
    assert done.returncode == 70, done.stdout + done.stderr
    assert re.search(r"(?s)a build process failed:.*Traceback.*RuntimeError: guide writer broke",
                     done.stdout), done.stdout
    assert list((tmp_path / "out").iterdir()) == []


@forks
def test_a_forked_kind_that_dies_is_an_internal_error(project: Path, tmp_path: Path) -> None:
    setup = BROKEN.format(action="import os; os._exit(9)", kind="handout")
    done = _build_in_fresh_process(project, tmp_path / "out", 3, setup)
    assert done.returncode == 70, done.stdout + done.stderr
    assert "handout ended with exit code 9" in done.stdout
    assert list((tmp_path / "out").iterdir()) == []


@forks
def test_a_full_disk_in_a_forked_kind_is_one_error_line(project: Path, tmp_path: Path) -> None:
    action = ('import errno; raise OSError(errno.ENOSPC, "No space left on device", '
              'str(folder / (tp.pack.id + "-facilitator-guide.pdf")))')
    done = _build_in_fresh_process(project, tmp_path / "out", 3,
                                   BROKEN.format(action=action, kind="guide"))
    assert done.returncode == 1, done.stdout + done.stderr
    errors = [line for line in done.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1, done.stdout
    assert "facilitator-guide.pdf" in errors[0] and errors[0].endswith("[PG006]"), errors[0]
    assert "Traceback" not in done.stdout + done.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == []


@forks
def test_a_rule_error_found_while_kinds_are_written_stops_them_and_writes_nothing(
        project: Path, tmp_path: Path) -> None:
    pack = standard_pack(project)
    fields = yaml.safe_load((project / "content" / "packs" / f"{pack}.yaml")
                            .read_text(encoding="utf-8-sig"))
    module = project / "content" / "modules" / f"{fields['modules'][0]}.md"
    text = module.read_text(encoding="utf-8")
    module.write_text(text + '\n## Made up {layout="No Such Layout"}\n\nText.\n',
                      encoding="utf-8")
    done = _build_in_fresh_process(project, tmp_path / "out", 3, pack=pack)
    assert done.returncode == 1, done.stdout + done.stderr
    errors = [line for line in done.stdout.splitlines() if ": error: " in line]
    assert errors and all("[PG401]" in line for line in errors), done.stdout
    assert list((tmp_path / "out").iterdir()) == []
