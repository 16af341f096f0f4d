"""One build per pack at a time: the lock is per pack, bounded, and leaves no file behind."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from packgen.errors import PackgenError
from packgen.output import lock

HOLD = ("import sys, time\nfrom pathlib import Path\nfrom packgen.output.lock import PackLock\n"
        "held = PackLock(Path(sys.argv[1]), sys.argv[2], 'x')\nheld.acquire()\n"
        "print('held', flush=True)\ntime.sleep(60)\n")


@pytest.fixture
def held(tmp_path: Path) -> Iterator[subprocess.Popen]:
    """Hold pack 'p''s lock in another process while the test runs."""
    other = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path), "p"], text=True,
                             stdout=subprocess.PIPE)
    assert other.stdout.readline().strip() == "held"
    yield other
    other.kill()
    other.wait()


def test_a_held_pack_lock_fails_after_the_wait_with_pg005(
        tmp_path: Path, held: subprocess.Popen, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lock.WAIT_VARIABLE, "0.1")
    with pytest.raises(PackgenError) as exc:
        lock.PackLock(tmp_path, "p", "build/p").acquire()
    (diag,) = exc.value.diagnostics
    assert (diag.path, diag.code) == ("build/p", "PG005")
    assert lock.WAIT_VARIABLE in diag.message


def test_another_pack_is_not_blocked(tmp_path: Path, held: subprocess.Popen,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lock.WAIT_VARIABLE, "0")
    other = lock.PackLock(tmp_path, "q", "build/q")
    other.acquire()
    other.release()


def test_a_lock_of_a_killed_process_is_free(tmp_path: Path, held: subprocess.Popen,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    held.kill()
    held.wait()
    monkeypatch.setenv(lock.WAIT_VARIABLE, "5")
    mine = lock.PackLock(tmp_path, "p", "build/p")
    mine.acquire()
    mine.release()


def test_releasing_removes_the_lock_file(tmp_path: Path) -> None:
    mine = lock.PackLock(tmp_path, "p", "build/p")
    mine.acquire()
    assert lock.lock_path(tmp_path, "p").exists()
    mine.release()
    mine.release()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("text", "seconds"), [("", lock.DEFAULT_WAIT), ("2.5", 2.5),
                                               ("soon", lock.DEFAULT_WAIT),
                                               ("-1", lock.DEFAULT_WAIT), ("0", 0.0)])
def test_the_wait_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, text: str,
                                             seconds: float) -> None:
    monkeypatch.setenv(lock.WAIT_VARIABLE, text)
    assert lock.wait_seconds() == seconds
