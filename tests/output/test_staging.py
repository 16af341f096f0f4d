"""Each pack is built in a staging folder and swapped in whole; leftovers never count."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from packgen.errors import PackgenError
from packgen.output import lock
from packgen.output import staging as stg
from packgen.output.reproducible import sha256_file


def _previous_build(out: Path, pack: str = "p", text: str = "old deck") -> Path:
    final = out / pack
    final.mkdir(parents=True)
    (final / f"{pack}-slides.pptx").write_text(text)
    return final


def _entry(folder: Path, name: str, kind: str = "deck", fmt: str = "pptx") -> stg.Entry:
    return stg.Entry(kind, fmt, name, sha256_file(folder / name))


def test_staging_folder_is_hidden_beside_the_output_folder(tmp_path: Path) -> None:
    staging = stg.Staging(tmp_path, "p")
    path = staging.open()
    assert path.parent == tmp_path and path.name.startswith(".p.staging-")
    assert not (tmp_path / "p").exists()


def test_swap_in_replaces_the_outputs_the_manifest_lists(tmp_path: Path) -> None:
    final = _previous_build(tmp_path)
    (final / "stale.html").write_text("stale")
    stg.write_manifest(final, {"pack": "p"}, [_entry(final, "p-slides.pptx"),
                                              _entry(final, "stale.html", "guide", "html")], {})
    staging = stg.Staging(tmp_path, "p")
    (staging.open() / "p-slides.pptx").write_text("new deck")
    staging.swap_in()
    staging.discard()
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == ["p-slides.pptx"]
    assert (tmp_path / "p" / "p-slides.pptx").read_text() == "new deck"
    assert [p.name for p in tmp_path.iterdir()] == ["p"]


def test_swap_in_moves_what_packgen_did_not_write_into_the_new_folder(tmp_path: Path) -> None:
    final = _previous_build(tmp_path)
    stg.write_manifest(final, {"pack": "p"}, [_entry(final, "p-slides.pptx")], {})
    (final / "notes.docx").write_text("a trainer's notes")
    (final / "photos").mkdir()
    (final / "photos" / "day1.jpg").write_text("photo")
    staging = stg.Staging(tmp_path, "p")
    (staging.open() / "p-slides.pptx").write_text("new deck")
    staging.swap_in()
    staging.discard()
    assert (final / "notes.docx").read_text() == "a trainer's notes"
    assert (final / "photos" / "day1.jpg").read_text() == "photo"
    assert (final / "p-slides.pptx").read_text() == "new deck"
    assert [p.name for p in tmp_path.iterdir()] == ["p"]


def test_a_failed_swap_puts_the_previous_outputs_back(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _previous_build(tmp_path)
    staging = stg.Staging(tmp_path, "p")
    staging.open()
    real = os.replace

    def refuse_staging(src: object, dst: object) -> None:
        if Path(str(src)) == staging.path:
            raise OSError(errno.EACCES, "Permission denied", str(src))
        real(src, dst)

    monkeypatch.setattr(stg.os, "replace", refuse_staging)
    with pytest.raises(OSError):
        staging.swap_in()
    monkeypatch.undo()
    staging.discard()
    assert (tmp_path / "p" / "p-slides.pptx").read_text() == "old deck"
    assert [p.name for p in tmp_path.iterdir()] == ["p"]


def test_discard_keeps_the_previous_outputs(tmp_path: Path) -> None:
    _previous_build(tmp_path)
    staging = stg.Staging(tmp_path, "p")
    (staging.open() / "p-slides.pptx").write_text("half writ")
    staging.discard()
    assert (tmp_path / "p" / "p-slides.pptx").read_text() == "old deck"
    assert [p.name for p in tmp_path.iterdir()] == ["p"]


def test_next_build_removes_stale_staging_folders(tmp_path: Path) -> None:
    _previous_build(tmp_path)
    stale = tmp_path / ".p.staging-1-deadbeef"
    stale.mkdir()
    (stale / "p-slides.pptx").write_text("half")
    other = tmp_path / ".q.staging-1-deadbeef"
    other.mkdir()
    longer = tmp_path / ".p.staging-1-deadbeef.staging-1-deadbeef"
    longer.mkdir()
    stg.Staging(tmp_path, "p").open()
    assert not stale.exists()
    assert other.exists(), "another pack's staging folder is not this build's business"
    assert longer.exists(), "nor is one of a pack whose id starts with this one's"


def test_a_leftover_is_dead_when_its_lock_is_free_whatever_runs_under_its_pid(
        tmp_path: Path) -> None:
    _previous_build(tmp_path)
    reused = tmp_path / f".p.staging-{os.getppid()}-deadbeef"
    reused.mkdir()
    (reused / "p-slides.pptx").write_text("half")
    staging = stg.Staging(tmp_path, "p")
    staging.open()
    staging.discard()
    assert not reused.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["p"]


def test_recover_restores_outputs_a_killed_swap_moved_aside(tmp_path: Path) -> None:
    aside = _previous_build(tmp_path).rename(tmp_path / ".p.previous-1-deadbeef")
    stg.recover(tmp_path, "p")
    assert (tmp_path / "p" / "p-slides.pptx").read_text() == "old deck"
    assert not aside.exists()


def test_recover_drops_the_moved_aside_copy_once_the_swap_finished(tmp_path: Path) -> None:
    _previous_build(tmp_path, text="new deck")
    aside = tmp_path / ".p.previous-1-deadbeef"
    aside.mkdir()
    (aside / "p-slides.pptx").write_text("old deck")
    (aside / "notes.docx").write_text("mine")
    stg.write_manifest(aside, {"pack": "p"}, [_entry(aside, "p-slides.pptx")], {})
    stg.recover(tmp_path, "p")
    assert (tmp_path / "p" / "p-slides.pptx").read_text() == "new deck"
    assert (tmp_path / "p" / "notes.docx").read_text() == "mine", "what packgen did not write"
    assert not aside.exists()


def test_a_concurrent_build_of_the_same_pack_waits_then_fails_cleanly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = ("import sys, time\nfrom pathlib import Path\n"
            "from packgen.output.staging import Staging\n"
            "s = Staging(Path(sys.argv[1]), 'p')\nprint(s.open(), flush=True)\ntime.sleep(60)\n")
    other = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], text=True,
                             stdout=subprocess.PIPE)
    monkeypatch.setenv(lock.WAIT_VARIABLE, "0.2")
    try:
        live = Path(other.stdout.readline().strip())
        assert live.is_dir()
        with pytest.raises(PackgenError) as exc:
            stg.Staging(tmp_path, "p", "build/p").open()
        (diag,) = exc.value.diagnostics
        assert (diag.path, diag.code) == ("build/p", "PG005")
        assert live.is_dir()
        other_pack = stg.Staging(tmp_path, "q")
        other_pack.open()
        other_pack.discard()
    finally:
        other.kill()
        other.wait()
    staging = stg.Staging(tmp_path, "p")
    staging.open()
    staging.discard()
    assert not live.exists(), "a dead build's staging folder is cleaned by the next build"
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_hand_edited_output_is_an_error_naming_the_file(tmp_path: Path) -> None:
    final = _previous_build(tmp_path)
    entry = _entry(final, "p-slides.pptx")
    (final / "p-slides.pptx").write_text("edited by a trainer")
    with pytest.raises(PackgenError) as exc:
        stg.check_hand_edits(final, [entry], "build/p")
    (diag,) = exc.value.diagnostics
    assert diag.path == "build/p/p-slides.pptx"
    assert "--force" in diag.message


def test_unchanged_or_deleted_outputs_are_not_hand_edits(tmp_path: Path) -> None:
    final = _previous_build(tmp_path)
    entries = [_entry(final, "p-slides.pptx"), stg.Entry("guide", "pdf", "gone.pdf", "0" * 64)]
    stg.check_hand_edits(final, entries, "build/p")


def test_keep_outputs_copies_only_files_still_there(tmp_path: Path) -> None:
    final = _previous_build(tmp_path)
    (final / "p-guide.pdf").write_text("guide")
    staging = tmp_path / ".p.staging-x"
    staging.mkdir()
    entries = [_entry(final, "p-guide.pdf", "guide", "pdf"),
               stg.Entry("guide", "html", "p-guide.html", "0" * 64)]
    kept = stg.keep_outputs(final, staging, entries)
    assert kept == entries[:1]
    assert (staging / "p-guide.pdf").read_text() == "guide"


def test_keep_outputs_never_copies_what_a_link_points_to(tmp_path: Path) -> None:
    final = _previous_build(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    (final / "p-guide.pdf").symlink_to(secret)
    staging = tmp_path / ".p.staging-x"
    staging.mkdir()
    entries = [stg.Entry("guide", "pdf", "p-guide.pdf", "0" * 64)]
    assert stg.keep_outputs(final, staging, entries) == []
    assert list(staging.iterdir()) == []


def test_a_link_in_the_pack_folder_is_refused_and_not_read(tmp_path: Path) -> None:
    final = _previous_build(tmp_path)
    (final / "p-guide.pdf").symlink_to(tmp_path / "nowhere")
    with pytest.raises(PackgenError) as exc:
        stg.inspect_previous(final, "build/p")
    (diag,) = exc.value.diagnostics
    assert (diag.path, diag.code) == ("build/p/p-guide.pdf", "PG001")
    assert "link" in diag.message


def test_a_pack_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "p").symlink_to(elsewhere)
    with pytest.raises(PackgenError) as exc:
        stg.inspect_previous(tmp_path / "out" / "p", "out/p")
    assert exc.value.diagnostics[0].code == "PG004"


def test_a_manifest_that_is_a_link_is_not_read(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    stg.write_manifest(tmp_path, {"pack": "p"}, [stg.Entry("deck", "pptx", "a.pptx", "0" * 64)],
                       {})
    (tmp_path / stg.MANIFEST).rename(real)
    (tmp_path / stg.MANIFEST).symlink_to(real)
    assert stg.read_manifest(tmp_path) is None


def test_foreign_files_are_named_and_force_is_offered_to_keep_them(tmp_path: Path) -> None:
    final = _previous_build(tmp_path)
    stg.write_manifest(final, {"pack": "p"}, [_entry(final, "p-slides.pptx")], {})
    (final / "notes.docx").write_text("mine")
    previous = stg.inspect_previous(final, "build/p")
    assert previous.foreign == ("notes.docx",)
    with pytest.raises(PackgenError) as exc:
        stg.check_foreign_files(previous, "build/p")
    (diag,) = exc.value.diagnostics
    assert diag.path == "build/p/notes.docx" and "keep" in diag.message
    assert "delete" not in diag.message


def test_a_foreign_file_named_like_a_new_output_is_refused(tmp_path: Path) -> None:
    final = _previous_build(tmp_path)
    previous = stg.inspect_previous(final, "build/p")
    with pytest.raises(PackgenError) as exc:
        stg.check_name_clashes(previous, [stg.Entry("deck", "pptx", "p-slides.pptx", "0" * 64)],
                               "build/p")
    assert exc.value.diagnostics[0].path == "build/p/p-slides.pptx"


def test_manifest_round_trips_and_is_written_in_a_fixed_order(tmp_path: Path) -> None:
    entries = [stg.Entry("guide", "pdf", "p-guide.pdf", "b" * 64),
               stg.Entry("deck", "pptx", "p-slides.pptx", "a" * 64)]
    inputs = {"content/packs/p.yaml": "c" * 64, "content/modules/a.md": "d" * 64}
    stg.write_manifest(tmp_path, {"pack": "p", "title": "T", "language": "en-GB"}, entries,
                       inputs)
    first = (tmp_path / stg.MANIFEST).read_bytes()
    stg.write_manifest(tmp_path, {"pack": "p", "title": "T", "language": "en-GB"},
                       entries[::-1], dict(reversed(inputs.items())))
    assert (tmp_path / stg.MANIFEST).read_bytes() == first
    data = json.loads(first)
    assert [o["kind"] for o in data["outputs"]] == ["deck", "guide"]
    assert [i["path"] for i in data["inputs"]] == sorted(inputs)
    assert stg.previous_entries(stg.read_manifest(tmp_path)) == entries[::-1]


@pytest.mark.parametrize("text", ["", "{not json", "[]", '{"outputs": 3}',
                                  '{"outputs": [{"kind": "deck"}, 5]}'])
def test_a_broken_manifest_means_no_previous_outputs(tmp_path: Path, text: str) -> None:
    (tmp_path / stg.MANIFEST).write_text(text)
    assert stg.previous_entries(stg.read_manifest(tmp_path)) == []


def test_a_manifest_with_a_bad_byte_means_no_previous_outputs(tmp_path: Path) -> None:
    (tmp_path / stg.MANIFEST).write_bytes(b'{"outputs": [\xff]}')
    assert stg.previous_entries(stg.read_manifest(tmp_path)) == []


@pytest.mark.parametrize("bad", ["../escape.pdf", "/etc/hostname", "sub/x.pdf", ""])
def test_manifest_entries_outside_the_pack_folder_are_ignored(tmp_path: Path, bad: str) -> None:
    (tmp_path / stg.MANIFEST).write_text(json.dumps(
        {"outputs": [{"kind": "guide", "format": "pdf", "path": bad, "sha256": "0" * 64}]}))
    assert stg.previous_entries(stg.read_manifest(tmp_path)) == []
