"""A build writes only what changed, and an up-to-date pack reports what it found before."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from reliability_support import digests, run_packgen

from packgen import api
from packgen.output.events import Event
from packgen.paths import packaged_templates

EXTRA = """\
---
title: Extra questions
duration: 10
audiences: [staff, mixed, self-advocates]
---

## Who decides?

- Who sets the agenda
- Who writes the minutes
"""


def _build(root: Path, *packs: str, **options: object) -> tuple[api.BuildResult, dict[str, str]]:
    events: list[Event] = []
    result = api.build(root, packs, root / "build", on_event=events.append, **options)
    ended = {e.pack: e.status for e in events if e.step == "done"}
    assert ended == {p.pack_id: p.status for p in result.packs}
    return result, ended


def _written(result: api.BuildResult) -> dict[str, tuple[str, ...]]:
    return {p.pack_id: p.written for p in result.packs}


def _stamps(out: Path) -> dict[str, tuple[int, int]]:
    """Return every file's modification time and size, hidden ones left out."""
    return {p.relative_to(out).as_posix(): (p.stat().st_mtime_ns, p.stat().st_size)
            for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def _add_extra_module(root: Path, pack: str = "staff-short") -> Path:
    module = root / "content" / "modules" / "extra.md"
    module.write_text(EXTRA, encoding="utf-8")
    pack_file = root / "content" / "packs" / f"{pack}.yaml"
    text = pack_file.read_text(encoding="utf-8")
    pack_file.write_text(text.replace("modules: [welcome, power, spaces]",
                                      "modules: [welcome, power, spaces, extra]"),
                         encoding="utf-8")
    return module


# --- nothing changed ---------------------------------------------------------------------


def test_a_second_build_writes_nothing_and_reports_the_same_findings(project: Path) -> None:
    first, ended = _build(project)
    assert set(ended.values()) == {"built"}
    before = _stamps(project / "build")
    second, ended = _build(project)
    assert set(ended.values()) == {"up to date"}
    assert _stamps(project / "build") == before
    assert second.diagnostics == first.diagnostics
    assert [p.outputs for p in second.packs] == [p.outputs for p in first.packs]


def test_an_up_to_date_pack_still_fails_strict_for_its_warnings(project: Path) -> None:
    module = project / "content" / "modules" / "power.md"
    module.write_text(module.read_text(encoding="utf-8") + (
        "\n## One more\n\n::: sidebar\nA div class packgen does not know.\n:::\n"),
        encoding="utf-8")
    args = ("build", "--project", str(project), "--only", "deck", "--strict")
    first = run_packgen(*args)
    second = run_packgen(*args)
    assert first.returncode == second.returncode == 1, first.stdout + first.stderr
    warnings = [ln for ln in first.stdout.splitlines() if ": warning: " in ln]
    assert warnings
    assert [ln for ln in second.stdout.splitlines() if ": warning: " in ln] == warnings
    assert "2 packs in build: 2 up to date" in second.stderr


# --- what an edit rebuilds ---------------------------------------------------------------


def test_editing_a_module_rebuilds_only_the_packs_that_use_it(project: Path) -> None:
    module = _add_extra_module(project)
    _build(project, kinds=("deck",))
    module.write_text(EXTRA.replace("Who decides?", "Who decides here?"), encoding="utf-8")
    result, ended = _build(project, kinds=("deck",))
    assert ended == {"self-advocates": "up to date", "staff-short": "built"}
    assert _written(result)["staff-short"] == ("deck",)


def test_editing_a_module_every_pack_uses_rebuilds_every_pack(project: Path) -> None:
    _build(project, kinds=("deck",))
    module = project / "content" / "modules" / "spaces.md"
    module.write_text(module.read_text(encoding="utf-8") + "\n## One more\n\n- A point\n",
                      encoding="utf-8")
    _result, ended = _build(project, kinds=("deck",))
    assert set(ended.values()) == {"built"}


def test_a_cached_build_after_an_edit_equals_a_build_from_scratch(project: Path,
                                                                  tmp_path: Path) -> None:
    module = _add_extra_module(project)
    _build(project)
    module.write_text(EXTRA + "\nAnd one more line of text.\n", encoding="utf-8")
    cached, _ended = _build(project)
    scratch = api.build(project, (), tmp_path / "scratch", rebuild=True)
    ours = digests(project / "build")
    theirs = digests(tmp_path / "scratch")
    assert ours == theirs
    shown = [str(d).replace("build/", "") for d in cached.diagnostics]
    assert shown == [str(d).replace("scratch/", "") for d in scratch.diagnostics]


def test_editing_the_handout_template_rebuilds_only_the_handouts(project: Path) -> None:
    _build(project)
    css = project / "templates" / "handout.css"
    shutil.copy(packaged_templates() / "handout.css", css)
    css.write_text(css.read_text(encoding="utf-8") + "\n/* wider margins */\n",
                   encoding="utf-8")
    result, _ended = _build(project)
    assert _written(result) == {"self-advocates": ("handout",), "staff-short": ("handout",)}


def test_editing_the_theme_rebuilds_every_kind(project: Path) -> None:
    _build(project, kinds=("deck", "guide"))
    theme = project / "templates" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8") + "\n# a comment changes the bytes\n",
                     encoding="utf-8")
    result, _ended = _build(project, kinds=("deck", "guide"))
    assert set(_written(result).values()) == {("deck", "guide")}


def test_a_deleted_or_edited_output_is_written_again(project: Path) -> None:
    _build(project, "staff-short")
    folder = project / "build" / "staff-short"
    (folder / "staff-short-slides.pptx").unlink()
    result, _ended = _build(project, "staff-short")
    assert _written(result) == {"staff-short": ("deck",)}
    (folder / "staff-short-guide.html").write_text("edited", encoding="utf-8")
    result, _ended = _build(project, "staff-short", force=True)
    assert _written(result) == {"staff-short": ("guide",)}


def test_a_changed_option_rebuilds(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _build(project, kinds=("deck",))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _result, ended = _build(project, kinds=("deck",))
    assert set(ended.values()) == {"built"}
    _result, ended = _build(project, kinds=("deck",))
    assert set(ended.values()) == {"up to date"}
    _result, ended = _build(project, kinds=("deck",), rebuild=True)
    assert set(ended.values()) == {"built"}


def test_kinds_built_alone_are_kept_when_the_rest_is_built(project: Path) -> None:
    _build(project, "staff-short", kinds=("deck",))
    deck = project / "build" / "staff-short" / "staff-short-slides.pptx"
    stamp = deck.stat().st_mtime_ns
    result, _ended = _build(project, "staff-short")
    assert _written(result) == {"staff-short": ("guide", "handout")}
    assert deck.stat().st_mtime_ns == stamp


# --- the manifest ------------------------------------------------------------------------


def test_the_manifest_records_its_schema_and_each_kinds_key(project: Path) -> None:
    _build(project, "staff-short", kinds=("deck",))
    manifest = json.loads((project / "build" / "staff-short" / "manifest.json").read_text())
    assert manifest["schema"] == 2
    assert set(manifest["cache"]["kinds"]) == {"deck"}
    assert len(manifest["cache"]["kinds"]["deck"]["key"]) == 64


@pytest.mark.parametrize("damage", [
    lambda m: m.pop("schema"),
    lambda m: m.update(cache="nonsense"),
    lambda m: m["cache"].update(kinds={"deck": {"key": 7, "findings": "x"}}),
    lambda m: m["cache"]["rules"].update(findings=[{"severity": "fatal", "message": 1}]),
    lambda m: m["cache"].update(loading=[{"severity": "info", "message": "x", "line": "9"}]),
    lambda m: m["cache"]["rules"].update(findings=[
        {"severity": "warning", "message": "x", "code": "PG101\n::error::forged"}]),
])
def test_an_old_or_damaged_manifest_cache_is_rebuilt_not_trusted(project: Path,
                                                                 damage: object) -> None:
    _build(project, "staff-short", kinds=("deck",))
    path = project / "build" / "staff-short" / "manifest.json"
    manifest = json.loads(path.read_text())
    damage(manifest)  # type: ignore[operator]
    path.write_text(json.dumps(manifest))
    _result, ended = _build(project, "staff-short", kinds=("deck",))
    assert ended == {"staff-short": "built"}


@pytest.mark.parametrize("path", ["../../etc/hostname", "/etc/hostname", "pics/\u0000x.png",
                                  "pics/../../x.png"])
def test_a_manifest_never_makes_packgen_read_outside_the_project(
        project: Path, monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    from packgen.output import cache

    _build(project, "staff-short", kinds=("deck",))
    manifest_path = project / "build" / "staff-short" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["inputs"].append({"path": path, "sha256": "0" * 64})
    manifest_path.write_text(json.dumps(manifest))
    read: list[str] = []
    real = cache.file_digest
    monkeypatch.setattr(cache, "file_digest", lambda root, name: read.append(name) or
                        real(root, name))
    _result, ended = _build(project, "staff-short", kinds=("deck",))
    assert ended == {"staff-short": "up to date"}  # the project is loaded and decides
    assert path not in read


def test_a_manifest_nested_beyond_reason_is_not_read(project: Path) -> None:
    _build(project, "staff-short", kinds=("deck",))
    path = project / "build" / "staff-short" / "manifest.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    (project / "build" / "gone").mkdir()
    (project / "build" / "gone" / "manifest.json").write_text("[" * 100_000)
    result, ended = _build(project, "staff-short", kinds=("deck",), force=True)
    assert ended == {"staff-short": "failed"}  # an unreadable manifest claims no file
    (clash,) = [d for d in result.diagnostics if d.severity.value == "error"]
    assert clash.code == "PG001" and clash.path.endswith("staff-short-slides.pptx")


def test_a_picture_beside_a_module_is_part_of_the_key(project: Path) -> None:
    module = _add_extra_module(project)
    pictures = module.parent / "pics"
    pictures.mkdir()
    picture = pictures / "room.png"
    shutil.copy(project / "content" / "images" / "meeting.png", picture)
    module.write_text(EXTRA + "\n## A room\n\n![A meeting room](pics/room.png)\n",
                      encoding="utf-8")
    _build(project, kinds=("deck",))
    shutil.copy(project / "content" / "images" / "cover.png", picture)
    _result, ended = _build(project, kinds=("deck",))
    assert ended == {"self-advocates": "up to date", "staff-short": "built"}


def test_the_same_inputs_give_the_same_manifest_in_any_output_folder(project: Path,
                                                                     tmp_path: Path) -> None:
    api.build(project, (), project / "build", ("deck",))
    api.build(project, (), tmp_path / "elsewhere", ("deck",))
    assert digests(project / "build") == digests(tmp_path / "elsewhere")


# --- packs that no longer exist ----------------------------------------------------------


def test_outputs_of_a_removed_pack_are_reported_then_pruned(project: Path) -> None:
    _build(project, kinds=("deck",))
    (project / "content" / "packs" / "self-advocates.yaml").unlink()
    folder = project / "build" / "self-advocates"
    (folder / "my-notes.txt").write_text("mine", encoding="utf-8")
    result, _ended = _build(project, kinds=("deck",))
    (orphan,) = [d for d in result.diagnostics if d.code == "PG007"]
    assert (orphan.path, orphan.severity.value) == ("build/self-advocates", "info")
    assert "--prune" in orphan.message
    assert (folder / "self-advocates-slides.pptx").exists()
    result, _ended = _build(project, kinds=("deck",), prune=True)
    assert sorted(os.listdir(folder)) == ["my-notes.txt"]
    (foreign,) = [d for d in result.diagnostics if d.code == "PG007"]
    assert "removed" in foreign.message


def test_prune_never_takes_a_folder_or_a_file_packgen_did_not_write(project: Path) -> None:
    _build(project, kinds=("deck",))
    site = project / "build" / "site"
    site.mkdir()
    (site / "manifest.json").write_text('{"name": "my web app", "outputs": []}')
    (project / "content" / "packs" / "self-advocates.yaml").unlink()
    deck = project / "build" / "self-advocates" / "self-advocates-slides.pptx"
    deck.write_bytes(deck.read_bytes() + b"edited")
    result, _ended = _build(project, kinds=("deck",), prune=True)
    assert (site / "manifest.json").exists()
    assert deck.exists()
    (kept,) = [d for d in result.diagnostics if d.code == "PG007"]
    assert (kept.severity.value, kept.path) == ("warning", "build/self-advocates")
    assert "changed by hand" in kept.message


# --- packs side by side and shards ------------------------------------------------------


def test_packs_built_side_by_side_equal_packs_built_in_turn(project: Path,
                                                             tmp_path: Path) -> None:
    args = ("build", "--project", str(project), "--rebuild")
    alone = run_packgen(*args, "--out", str(tmp_path / "one"), "-j", "1")
    together = run_packgen(*args, "--out", str(tmp_path / "two"), "-j", "2")
    assert alone.returncode == together.returncode == 0, alone.stdout + together.stderr
    assert digests(tmp_path / "one") == digests(tmp_path / "two")
    assert alone.stdout.replace("one/", "") == together.stdout.replace("two/", "")


def test_the_shards_together_build_every_pack_once(project: Path) -> None:
    for extra in ("alpha", "beta", "gamma"):
        shutil.copy(project / "content" / "packs" / "staff-short.yaml",
                    project / "content" / "packs" / f"{extra}.yaml")
    seen: list[str] = []
    for index in (1, 2, 3):
        result = api.build(project, (), project / "build", ("deck",), shard=(index, 3))
        seen += [p.pack_id for p in result.packs]
    assert sorted(seen) == ["alpha", "beta", "gamma", "self-advocates", "staff-short"]
