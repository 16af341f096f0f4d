"""The output folder: never the sources, never through a link, one builder at a time.

Each case points packgen's output somewhere it must not write, or leaves something in the
output folder a careless or hostile user might, and checks what the user relies on: the
sources are byte for byte as they were, a refusal is one error line with its code and exit 1,
previous outputs are intact, nothing outside the project is read into an output, and no
staging or lock file is left behind.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_support import Secret, assert_refused, build, error_lines
from reliability_support import digests, run_packgen, standard_pack

from packgen import api

OutCase = Callable[[Path], Path]


def _sources(root: Path) -> dict[str, str]:
    """Return the digest of every source file: content/, templates/ and packgen.toml."""
    found = {f"content/{k}": v for k, v in digests(root / "content").items()}
    found |= {f"templates/{k}": v for k, v in digests(root / "templates").items()}
    found["packgen.toml"] = digests(root)["packgen.toml"]
    return found


def _tree(folder: Path) -> list[str]:
    """Return every path under ``folder``, links not followed."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def _rename_pack(root: Path, new_id: str) -> str:
    """Rename the project's one pack file so its id is ``new_id``; return the id."""
    old = root / "content" / "packs" / f"{standard_pack(root)}.yaml"
    old.rename(old.with_name(f"{new_id}.yaml"))
    return new_id


def _leftovers(out: Path) -> list[str]:
    """Return the hidden entries (staging, previous, lock) in an output folder."""
    return sorted(p.name for p in out.glob(".*")) if out.exists() else []


def _assert_complete(folder: Path, kinds: set[str]) -> None:
    """Assert ``folder`` holds a whole build: every listed output, its hash as listed."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    files = digests(folder)
    listed = {o["path"]: o["sha256"] for o in manifest["outputs"]}
    assert {o["kind"] for o in manifest["outputs"]} == kinds
    assert all(files[path] == digest for path, digest in listed.items()), manifest


def _one_error(done: subprocess.CompletedProcess[str], code: str) -> str:
    """Assert exit 1, no traceback and exactly one error line, carrying ``code``."""
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output
    errors = error_lines(done.stdout + done.stderr)
    assert len(errors) == 1, output
    assert errors[0].endswith(f"[{code}]"), errors[0]
    return errors[0]


# --- the output folder is never the sources ---------------------------------------------

# Each case names an output folder and, where it can, gives the pack an id whose folder there
# would be a source folder, as a stranger's project might.
OUT_CASES: dict[str, tuple[OutCase, str | None]] = {
    "project-root": (lambda root: root, "content"),
    "content": (lambda root: root / "content", "modules"),
    "inside-content-modules": (lambda root: root / "content" / "modules", None),
    "templates": (lambda root: root / "templates", None),
    "above-the-project": (lambda root: root.parent, "project"),
    "symlink-into-content": (lambda root: _link(root.parent / "out", root / "content"), "images"),
}


def _link(link: Path, target: Path) -> Path:
    link.symlink_to(target, target_is_directory=True)
    return link


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("case", sorted(OUT_CASES))
def test_an_output_folder_on_the_sources_is_refused_before_anything_is_touched(
        one_pack: Path, case: str, force: bool) -> None:
    where, pack_id = OUT_CASES[case]
    if pack_id is not None:
        assert one_pack.name == "project"
        _rename_pack(one_pack, pack_id)
    out = where(one_pack)
    before, tree = _sources(one_pack), _tree(one_pack.parent)
    done = run_packgen("build", "--project", str(one_pack), "--out", str(out), "--only", "deck",
                       *(["--force"] if force else []), timeout=120)
    line = _one_error(done, "PG004")
    assert line.startswith("error: the output folder "), line
    assert _sources(one_pack) == before
    assert _tree(one_pack.parent) == tree, "something was written"


def test_the_project_root_as_output_folder_names_it_and_suggests_build(one_pack: Path) -> None:
    done = run_packgen("build", "--out", ".", "--force", "--only", "deck", cwd=one_pack)
    line = _one_error(done, "PG004")
    assert line.startswith("error: the output folder '.' is the project itself"), line
    assert "--out build" in line


# --- --force keeps what packgen did not write -------------------------------------------


def test_force_keeps_files_and_folders_packgen_did_not_write(one_pack: Path) -> None:
    pack = standard_pack(one_pack)
    assert build(one_pack).returncode == 0
    folder = one_pack / "build" / pack
    (folder / "my-notes.docx").write_bytes(b"a trainer's own notes")
    (folder / "photos").mkdir()
    (folder / "photos" / "day-one.jpg").write_bytes(b"a photo")
    deck = folder / f"{pack}-slides.pptx"
    deck.write_bytes(deck.read_bytes() + b"hand edit")
    done = build(one_pack, "--force")
    assert done.returncode == 0, done.stderr
    assert (folder / "my-notes.docx").read_bytes() == b"a trainer's own notes"
    assert (folder / "photos" / "day-one.jpg").read_bytes() == b"a photo"
    _assert_complete(folder, {"deck"})
    listed = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    assert {o["path"] for o in listed} == {deck.name}, "what packgen did not write is not its"
    assert _leftovers(one_pack / "build") == []


def test_without_force_a_foreign_file_is_named_and_force_offered_to_keep_it(
        one_pack: Path) -> None:
    pack = standard_pack(one_pack)
    assert build(one_pack).returncode == 0
    mine = one_pack / "build" / pack / "my-notes.docx"
    mine.write_bytes(b"mine")
    line = _one_error(build(one_pack), "PG001")
    assert line.startswith(f"build/{pack}/my-notes.docx: error:"), line
    assert "keep" in line and "delete" not in line
    assert mine.read_bytes() == b"mine"


# --- links in the output folder are never followed ----------------------------------------


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("linked", ["guide", "manifest"])
def test_a_previous_output_replaced_by_a_link_is_never_followed(
        one_pack: Path, secret: Secret, force: bool, linked: str) -> None:
    pack = standard_pack(one_pack)
    assert build(one_pack, only="deck,guide", timeout=300).returncode == 0
    folder = one_pack / "build" / pack
    name = f"{pack}-guide.pdf" if linked == "guide" else "manifest.json"
    guide = folder / name
    target = secret.file(name)
    guide.unlink()
    guide.symlink_to(target)
    before = digests(folder)
    done = build(one_pack, *(["--force"] if force else []), only="deck")
    line = _one_error(done, "PG001")
    assert line.startswith(f"build/{pack}/{guide.name}: error:"), line
    assert guide.is_symlink() and os.readlink(guide) == str(target), "the link is left as it was"
    assert target.read_text() == secret.token
    assert digests(folder) == before, "previous outputs are intact"
    guide.unlink()
    secret.assert_absent(one_pack / "build")
    assert _leftovers(one_pack / "build") == []


def test_a_pack_folder_that_is_a_link_is_refused_and_left_as_it_was(
        one_pack: Path, tmp_path: Path) -> None:
    pack = standard_pack(one_pack)
    shared = tmp_path / "shared-drive"
    shared.mkdir()
    (shared / "budget.xlsx").write_bytes(b"figures")
    out = one_pack / "build"
    out.mkdir()
    (out / pack).symlink_to(shared, target_is_directory=True)
    line = _one_error(build(one_pack), "PG004")
    assert line.startswith(f"build/{pack}: error:"), line
    assert (out / pack).is_symlink()
    assert _tree(shared) == ["budget.xlsx"]
    assert (shared / "budget.xlsx").read_bytes() == b"figures"
    assert _leftovers(out) == []


def test_an_output_folder_that_is_a_link_leaves_nothing_behind(
        one_pack: Path, tmp_path: Path) -> None:
    pack = standard_pack(one_pack)
    real = tmp_path / "real-out"
    real.mkdir()
    link = _link(tmp_path / "out-link", real)
    args = ["build", "--rebuild", "--project", str(one_pack), "--out", str(link), "--only",
            "deck"]
    assert run_packgen(*args).returncode == 0
    assert run_packgen(*args).returncode == 0
    (real / pack / "mine.txt").write_text("mine")
    assert run_packgen(*args).returncode == 1
    assert sorted(p.name for p in real.iterdir()) == [pack]
    _assert_complete(real / pack, {"deck"})


# --- one build per pack at a time -------------------------------------------------------


def _start_build(root: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "packgen", "build", "--rebuild", "--project", str(root), "--out",
         str(root / "build"), "--only", "deck", *extra],
        env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)


def test_concurrent_builds_of_the_same_pack_never_race_on_the_swap(one_pack: Path) -> None:
    pack = standard_pack(one_pack)
    assert build(one_pack).returncode == 0
    pack_file = one_pack / "content" / "packs" / f"{pack}.yaml"
    pack_file.write_text(pack_file.read_text(encoding="utf-8").replace(
        "title: ", "title: Revised ", 1), encoding="utf-8")
    children = [_start_build(one_pack) for _ in range(3)]
    for child in children:
        _stdout, stderr = child.communicate(timeout=300)
        assert "Traceback" not in stderr, stderr
        assert child.returncode in (0, 1), stderr
        if child.returncode == 1:
            errors = error_lines(stderr)
            assert len(errors) == 1 and errors[0].endswith("[PG005]"), stderr
    _assert_complete(one_pack / "build" / pack, {"deck"})
    assert sorted(p.name for p in (one_pack / "build").iterdir()) == [pack], "leftovers"


HOLD = ("import sys, time\nfrom pathlib import Path\n"
        "from packgen.output.staging import Staging\n"
        "held = Staging(Path(sys.argv[1]), sys.argv[2])\nheld.open()\nprint('held', flush=True)\n"
        "time.sleep(120)\n")


def test_a_build_in_progress_blocks_only_its_own_pack(project: Path) -> None:
    packs = sorted(p.stem for p in (project / "content" / "packs").glob("*.yaml"))
    assert len(packs) >= 2
    out = project / "build"
    assert run_packgen("build", "--project", str(project), "--only", "deck").returncode == 0
    before = digests(out / packs[0])
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out), packs[0]],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        other = run_packgen("build", packs[1], "--project", str(project), "--only", "deck",
                            env={"PACKGEN_LOCK_WAIT": "60"})
        assert other.returncode == 0, other.stderr
        assert time.monotonic() - started < 50, "the other pack waited for this one's lock"
        same = run_packgen("build", packs[0], "--rebuild", "--project", str(project),
                           "--only", "deck", env={"PACKGEN_LOCK_WAIT": "1"})
        line = _one_error(same, "PG005")
        assert line.startswith(f"build/{packs[0]}: error:"), line
        assert digests(out / packs[0]) == before
    finally:
        holder.kill()
        holder.wait()


def test_a_leftover_whose_process_id_was_reused_is_cleaned(one_pack: Path) -> None:
    pack = standard_pack(one_pack)
    assert build(one_pack).returncode == 0
    out = one_pack / "build"
    live_pid = os.getpid()
    stale = out / f".{pack}.staging-{live_pid}-deadbeef"
    stale.mkdir()
    (stale / f"{pack}-slides.pptx").write_bytes(b"half a deck")
    aside = out / f".{pack}.previous-{live_pid}-cafef00d"
    shutil.copytree(out / pack, aside)
    assert build(one_pack).returncode == 0
    assert sorted(p.name for p in out.iterdir()) == [pack]
    _assert_complete(out / pack, {"deck"})


# --- write failures are one line --------------------------------------------------------


def _as_a_plain_user() -> list[str]:
    """Return a command prefix under which folder modes hold, or skip the test.

    Root ignores folder modes; where ``setpriv`` is there, root runs packgen without the
    capabilities that let it, so the test runs anyway.
    """
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("root ignores folder modes")
    caps = "-dac_override,-dac_read_search,-fowner"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}"]


def _built_then_revised(root: Path) -> tuple[str, Path, dict[str, str]]:
    """Build the project's deck, then change its pack; return the pack, the output folder
    and the digests of the outputs built."""
    pack = standard_pack(root)
    assert build(root).returncode == 0
    out = root / "build"
    before = digests(out / pack)
    pack_file = root / "content" / "packs" / f"{pack}.yaml"
    pack_file.write_text(pack_file.read_text(encoding="utf-8").replace(
        "title: ", "title: Revised ", 1), encoding="utf-8")
    return pack, out, before


@pytest.mark.parametrize("read_only", ["output-folder", "pack-folder"])
def test_a_read_only_output_folder_is_one_line_and_keeps_the_outputs(
        one_pack: Path, read_only: str) -> None:
    pack, out, before = _built_then_revised(one_pack)
    frozen = [out / pack, out] if read_only == "output-folder" else [out / pack]
    for folder in frozen:
        folder.chmod(0o555)
    try:
        done = subprocess.run(
            [*_as_a_plain_user(), sys.executable, "-m", "packgen", "build", "--project",
             str(one_pack), "--out", str(out), "--only", "deck"],
            capture_output=True, text=True, timeout=120, check=False)
        line = _one_error(done, "PG006")
        assert "permission denied" in line
        assert digests(out / pack) == before
        assert _leftovers(out) == []
    finally:
        for folder in frozen:
            folder.chmod(0o755)


def test_an_over_long_pack_name_is_refused_with_the_pack_file(one_pack: Path) -> None:
    pack = _rename_pack(one_pack, "a" * 240)
    line = assert_refused(one_pack, pack, f"content/packs/{pack}.yaml")
    assert line.endswith("[PG006]"), line


@pytest.mark.skipif(sys.platform == "win32", reason="file size limits are POSIX")
def test_a_real_write_limit_is_one_line_and_keeps_the_outputs(one_pack: Path) -> None:
    import resource

    pack, out, before = _built_then_revised(one_pack)

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    done = subprocess.run(
        [sys.executable, "-m", "packgen", "build", "--rebuild", "--project", str(one_pack),
         "--out", str(out), "--only", "deck"], capture_output=True, text=True, timeout=120,
        check=False, preexec_fn=small_files, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    line = _one_error(done, "PG006")
    assert line.startswith(f"build/{pack}"), line
    assert digests(out / pack) == before
    assert _leftovers(out) == []


def test_a_full_disk_is_one_line_and_keeps_the_outputs(
        one_pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = standard_pack(one_pack)
    out = one_pack / "build"
    assert api.build(one_pack, (), out, ("deck",)).failed == []
    before = digests(out / pack)

    def disk_full(path: Path, _when: object) -> None:
        path.write_bytes(path.read_bytes()[:100])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    from packgen.output import building

    monkeypatch.setattr(building, "normalise_zip", disk_full)
    result = api.build(one_pack, (), out, ("deck",), rebuild=True)
    errors = [d for d in result.diagnostics if d.severity.value == "error"]
    assert len(errors) == 1, errors
    assert (errors[0].path, errors[0].code) == (f"build/{pack}/{pack}-slides.pptx", "PG006")
    assert "disk is full" in errors[0].message
    assert result.failed == [pack]
    assert digests(out / pack) == before
    assert _leftovers(out) == []


def test_a_nul_byte_in_the_output_folder_is_one_error_and_nothing_written(
        one_pack: Path) -> None:
    (diag,) = api.build(one_pack, (), one_pack / "bu\0ild", ("deck",)).diagnostics
    assert diag.code == "PG006"
    assert sorted(p.name for p in one_pack.iterdir()) == ["content", "packgen.toml", "templates"]
