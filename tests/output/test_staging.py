"""Each pack is built in a staging folder and swapped in whole; leftovers never count."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from packgen.errors import PackgenError
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


def test_swap_in_replaces_the_previous_outputs_whole(tmp_path: Path) -> None:
    _previous_build(tmp_path)
    (tmp_path / "p" / "stale.html").write_text("stale")
    staging = stg.Staging(tmp_path, "p")
    (staging.open() / "p-slides.pptx").write_text("new deck")
    staging.swap_in()
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == ["p-slides.pptx"]
    assert (tmp_path / "p" / "p-slides.pptx").read_text() == "new deck"
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
    stale = tmp_path / ".p.staging-deadbeef0000"
    stale.mkdir()
    (stale / "p-slides.pptx").write_text("half")
    other = tmp_path / ".q.staging-deadbeef0000"
    other.mkdir()
    stg.Staging(tmp_path, "p").open()
    assert not stale.exists()
    assert other.exists(), "another pack's staging folder is not this build's business"


def test_recover_restores_outputs_a_killed_swap_moved_aside(tmp_path: Path) -> None:
    aside = _previous_build(tmp_path).rename(tmp_path / ".p.previous-deadbeef0000")
    stg.recover(tmp_path, "p")
    assert (tmp_path / "p" / "p-slides.pptx").read_text() == "old deck"
    assert not aside.exists()


def test_recover_drops_the_moved_aside_copy_once_the_swap_finished(tmp_path: Path) -> None:
    _previous_build(tmp_path, text="new deck")
    aside = tmp_path / ".p.previous-deadbeef0000"
    aside.mkdir()
    (aside / "p-slides.pptx").write_text("old deck")
    stg.recover(tmp_path, "p")
    assert (tmp_path / "p" / "p-slides.pptx").read_text() == "new deck"
    assert not aside.exists()


def test_a_concurrent_build_does_not_delete_a_live_staging_folder(tmp_path: Path) -> None:
    code = ("import sys, time\nfrom pathlib import Path\n"
            "from packgen.output.staging import Staging\n"
            "s = Staging(Path(sys.argv[1]), 'p')\nprint(s.open(), flush=True)\ntime.sleep(60)\n")
    other = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], text=True,
                             stdout=subprocess.PIPE)
    try:
        live = Path(other.stdout.readline().strip())
        assert live.is_dir()
        stg.Staging(tmp_path, "p").open()
        assert live.is_dir()
    finally:
        other.kill()
        other.wait()
    stg.Staging(tmp_path, "p").open()
    assert not live.exists(), "a dead build's staging folder is cleaned by the next build"


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
