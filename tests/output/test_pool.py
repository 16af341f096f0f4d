"""Packs built by forked processes come back in order, with every event, and never hang."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

forks = pytest.mark.skipif(sys.platform != "linux", reason="packs are forked on Linux only")

SCRIPT = textwrap.dedent("""
    import os, sys
    from packgen.errors import InternalError
    from packgen.output.events import Event
    from packgen.output.pool import build_packs

    def work(pack_id, emit):
        emit(Event(pack_id, "done", status="built"))
        if pack_id == "boom":
            raise ValueError("a bug")
        return pack_id.upper(), os.getpid()

    for _ in range(25):
        seen = []
        ids = [f"p{n}" for n in range(7)]
        results = build_packs(ids, work, 3, seen.append)
        assert [r[0] for r in results] == [i.upper() for i in ids], results
        assert sorted(e.pack for e in seen) == sorted(ids), seen
        assert len({r[1] for r in results} | {os.getpid()}) > 1, "nothing was forked"
    try:
        build_packs(["a", "boom", "c"], work, 2, lambda e: None)
    except InternalError as exc:
        assert "ValueError: a bug" in str(exc)
        print("crash reported")
""")


@forks
def test_forked_packs_keep_their_order_report_every_event_and_end() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "crash reported"


def test_without_processes_packs_are_built_here_in_order() -> None:
    from packgen.output.pool import build_packs

    seen: list[object] = []
    assert build_packs(["b", "a"], lambda p, emit: (emit(p), p)[1], 0, seen.append) == ["b", "a"]
    assert seen == ["b", "a"]
