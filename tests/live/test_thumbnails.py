"""Slide pictures: made once per deck in the background, kept by the deck's sha256."""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
from pathlib import Path

import pytest

from packgen.live.thumbnails import HINT, KEPT, Thumbnails

SOFFICE = """#!/bin/sh
echo soffice >> "{log}"
while [ "$1" != "--outdir" ]; do shift; done
out="$2"; shift 2
[ -n "$FAIL" ] && exit 3
echo pdf > "$out/$(basename "$1" .pptx).pdf"
"""
PDFTOPPM = """#!/bin/sh
echo pdftoppm >> "{log}"
for n in 01 02 03 04 05 06 07 08 09 10 11 12; do echo png > "$5-$n.png"; done
"""
"""Stand-ins that make what LibreOffice and pdftoppm make: a PDF, then one PNG per page."""


def tool(folder: Path, name: str, script: str, log: Path) -> str:
    path = folder / name
    path.write_text(script.format(log=log), encoding="utf-8")
    path.chmod(0o755)
    return str(path)


@pytest.fixture
def made(tmp_path: Path):
    log = tmp_path / "calls.log"
    deck = tmp_path / "build" / "p" / "p-slides.pptx"
    deck.parent.mkdir(parents=True)
    deck.write_bytes(b"a deck")
    done = threading.Event()
    thumbs = Thumbnails(tmp_path / "build", done.set)
    thumbs.tools = {"soffice": tool(tmp_path, "soffice", SOFFICE, log),
                    "pdftoppm": tool(tmp_path, "pdftoppm", PDFTOPPM, log)}
    return thumbs, deck, hashlib.sha256(b"a deck").hexdigest(), done, log


def test_a_deck_becomes_one_picture_per_slide_in_slide_order(made, tmp_path: Path) -> None:
    thumbs, deck, sha, done, _log = made
    thumbs.want([(sha, deck)])
    assert done.wait(30)
    pictures = thumbs.pictures(sha)
    assert [p.name for p in pictures] == [f"{n}.png" for n in range(1, 13)]
    assert pictures[0].parent == tmp_path / "build" / ".serve" / "thumbs" / sha
    assert [p.name for p in pictures[0].parent.parent.iterdir()] == [sha], "no leftovers"


def test_an_unchanged_deck_is_not_rendered_again(made, tmp_path: Path) -> None:
    thumbs, deck, sha, done, log = made
    thumbs.want([(sha, deck)])
    assert done.wait(30)
    again = Thumbnails(tmp_path / "build", lambda: None)
    again.tools = thumbs.tools
    again.want([(sha, deck)])
    assert again.ready(sha) and again._thread is None
    assert log.read_text().split() == ["soffice", "pdftoppm"]


def test_a_deck_rebuilt_since_it_was_queued_is_left_for_the_next_state(made) -> None:
    thumbs, deck, _sha, done, log = made
    other = "b" * 64
    thumbs.want([(other, deck)])
    assert done.wait(30)
    assert thumbs.pictures(other) == [] and not log.exists()


def test_a_failed_conversion_is_remembered_not_retried(made, monkeypatch) -> None:
    thumbs, deck, sha, done, log = made
    monkeypatch.setenv("FAIL", "1")
    thumbs.want([(sha, deck)])
    assert done.wait(30)
    assert "soffice ended with code 3" in thumbs.failed[sha]
    thumbs.want([(sha, deck)])
    assert log.read_text().split() == ["soffice"]


def test_without_the_programs_nothing_runs_and_the_page_gets_one_line(tmp_path: Path) -> None:
    thumbs = Thumbnails(tmp_path, lambda: None)
    thumbs.tools = {"soffice": None, "pdftoppm": shutil.which("sh")}
    thumbs.want([("c" * 64, tmp_path / "deck.pptx")])
    assert not thumbs.available and thumbs._thread is None
    assert HINT.count("\n") == 0 and "apt-get install libreoffice-impress poppler-utils" in HINT


def test_only_a_sha256_names_a_pictures_folder(tmp_path: Path) -> None:
    thumbs = Thumbnails(tmp_path / "build", lambda: None)
    (tmp_path / "build" / ".serve").mkdir(parents=True)
    (tmp_path / "build" / "1.png").write_bytes(b"png")
    assert thumbs.pictures("..") == [] and thumbs.pictures("../..") == []


def test_a_deck_no_longer_shown_is_not_rendered(made) -> None:
    thumbs, deck, sha, _done, log = made
    thumbs._wanted = set()
    thumbs._pending.add(sha)
    thumbs._queue.put((sha, deck))
    thumbs._queue.put(None)
    thumbs._work()
    assert not log.exists() and not thumbs.ready(sha)


def test_pictures_of_old_decks_are_deleted_all_but_the_newest(made, tmp_path: Path) -> None:
    thumbs, deck, sha, done, _log = made
    folder = tmp_path / "build" / ".serve" / "thumbs"
    for n in range(KEPT + 3):
        old = folder / f"{n:064x}"
        old.mkdir(parents=True)
        os.utime(old, (n, n))
    thumbs.want([(sha, deck), (f"{0:064x}", deck)])
    assert done.wait(30)
    kept = {p.name for p in folder.iterdir()}
    assert sha in kept and f"{0:064x}" in kept, "the decks shown keep theirs"
    assert kept - {sha, f"{0:064x}"} == {f"{n:064x}" for n in range(3, KEPT + 3)}
