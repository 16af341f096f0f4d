"""packgen watch: builds, rebuilds on each change, survives a broken module, stops on Ctrl-C."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from live_support import BROKEN, MODULE, NOTES, PACK, Running, alive, edit, shipped_project

from packgen.errors import PackgenError
from packgen.live.watch import next_batch, summary


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return shipped_project(tmp_path / "project")


def guide(root: Path) -> str:
    return (root / "build" / PACK / f"{PACK}-guide.html").read_text(encoding="utf-8")


def test_watch_rebuilds_on_edits_keeps_going_through_errors_and_stops_on_ctrl_c(
        project: Path) -> None:
    watching = Running("watch", PACK, "--project", str(project), cwd=project)
    try:
        watching.wait_for(r"^built 1 of 1 pack in ")
        edit(project, NOTES, "Greet every person who comes in")
        watching.wait_for(rf"^{MODULE} changed: built 1 of 1 pack")
        assert "Greet every person who comes in" in guide(project)

        edit(project, *BROKEN)
        watching.wait_for(rf"^{MODULE}:4: error: invalid YAML: .* \[PG003\]$", stream="stdout")
        watching.wait_for(r"changed: build stopped \(1 error, 0 warnings\)")
        assert "Greet every person who comes in" in guide(project)

        edit(project, BROKEN[1], BROKEN[0])
        edit(project, "Greet every person", "Say hello to every person")
        watching.wait_for(r"changed: built 1 of 1 pack")
        assert "Say hello to every person who comes in" in guide(project)

        children = watching.children()
        assert children, "the watcher runs in a process of its own"
        assert watching.interrupt() == 0
        assert [pid for pid in children if alive(pid)] == []
        assert not any("Traceback" in line for _, line in watching.seen)
    finally:
        watching.stop()


def test_watch_rebuilds_when_a_quarto_module_changes(project: Path) -> None:
    modules = project / "content" / "modules"
    (modules / "welcome.md").rename(modules / "welcome.qmd")
    quarto = "content/modules/welcome.qmd"
    watching = Running("watch", PACK, "--project", str(project), cwd=project)
    try:
        watching.wait_for(r"^built 1 of 1 pack in ")
        edit(project, NOTES, "Greet everyone from the Quarto file", quarto)
        watching.wait_for(rf"^{quarto} changed: built 1 of 1 pack")
        assert "Greet everyone from the Quarto file" in guide(project)
        assert watching.interrupt() == 0
    finally:
        watching.stop()


def test_watch_ignores_the_output_folder_hidden_and_temporary_files(project: Path) -> None:
    watching = Running("watch", PACK, "--project", str(project), cwd=project)
    try:
        watching.wait_for(r"^built 1 of 1 pack in ")
        (project / "build" / "notes.txt").write_text("mine", encoding="utf-8")
        (project / "content" / "modules" / ".welcome.md.swp").write_text("x", encoding="utf-8")
        (project / "content" / "modules" / "welcome.md~").write_text("x", encoding="utf-8")
        (project / "packgen.toml").write_text("", encoding="utf-8")
        line = watching.wait_for(r"changed: ")
        assert line.startswith("packgen.toml changed: built 1 of 1 pack")
        assert watching.interrupt() == 0
    finally:
        watching.stop()


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT while started ignoring it"])
def test_watch_stops_cleanly_when_a_service_manager_or_a_shell_stops_it(
        project: Path, how: str) -> None:
    import signal
    import subprocess

    before = signal.getsignal(signal.SIGINT)
    if how.startswith("SIGINT"):  # as a shell starts a background job
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        watching = Running("watch", PACK, "--project", str(project), cwd=project)
    finally:
        signal.signal(signal.SIGINT, before)
    try:
        watching.wait_for(r"^built 1 of 1 pack in ")
        children = watching.children()
        watching.process.send_signal(signal.SIGTERM if how == "SIGTERM" else signal.SIGINT)
        assert watching.process.wait(timeout=30) == 0
        assert [pid for pid in children if alive(pid)] == []
    except subprocess.TimeoutExpired:
        raise AssertionError(f"watch did not stop on {how}") from None
    finally:
        watching.stop()


def test_watch_on_a_missing_project_is_one_line_and_exit_1(tmp_path: Path) -> None:
    watching = Running("watch", "--project", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert watching.process.wait(timeout=60) == 1
    watching.wait_for(r"^error: project folder not found: .*nowhere \[PG012\]$", stream="stderr")


def test_the_summary_names_the_change_and_counts_the_findings() -> None:
    assert summary(["content/a.md", "content/b.md"], None, [], 0.5) == (
        "content/a.md and 1 more changed: build stopped (0 errors, 0 warnings); "
        "fix it and save to rebuild")


class Watcher:
    """The builder's end of a watcher's pipe, fed by the test."""

    def __init__(self) -> None:
        self.pipe, self.feed = multiprocessing.Pipe()


def test_batches_that_queued_during_a_build_are_rebuilt_once() -> None:
    watcher = Watcher()
    watcher.feed.send(["content/b.md"])
    watcher.feed.send(["content/a.md", "content/b.md"])
    assert next_batch(watcher) == ["content/a.md", "content/b.md"]
    assert not watcher.pipe.poll()


def test_a_watcher_that_cannot_watch_or_stopped_is_one_error() -> None:
    watcher = Watcher()
    watcher.feed.send("cannot watch /p for changes: too many folders")
    with pytest.raises(PackgenError, match="cannot watch /p for changes"):
        next_batch(watcher)
    watcher.feed.close()
    with pytest.raises(PackgenError, match="the file watcher stopped"):
        next_batch(watcher)
