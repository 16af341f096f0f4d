"""packgen new and packgen template export, through the command line: a new project builds
clean, exported templates build the same outputs, and neither ever overwrites a file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pdfplumber
import pytest
from click.testing import CliRunner, Result
from doc_examples import copy_shipped
from pptx import Presentation

from packgen.cli import cli
from packgen.output import scaffold
from packgen.paths import packaged_templates

REPO = Path(__file__).resolve().parents[2]
LIST_STARTER = ("import packgen, packgen.output.scaffold as s; print(packgen.__file__); "
                "print(*sorted(name for name, _ in s._starter_files()), sep='\\n')")
"""Print where packgen was imported from, then each starter file it finds."""
NINE = ("deck.pptx", "theme.yaml", "guide.typ", "handout.typ", "guide.html", "guide.css",
        "handout.html", "handout.css", "reference.docx")


def packgen(*args: str | Path) -> Result:
    """Return what ``packgen ARGS`` did, run in process."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def new_project(where: Path) -> Path:
    """Return a project made by ``packgen new`` at ``where``."""
    done = packgen("new", where)
    assert done.exit_code == 0, done.output
    return where


def build(root: Path, out: Path, *packs: str) -> Result:
    """Return a strict build of ``packs`` (every pack when none) of ``root`` into ``out``."""
    done = packgen("build", *packs, "--strict", "--project", root, "--out", out)
    assert done.exit_code == 0, done.output
    return done


def outputs(folder: Path) -> dict[str, bytes]:
    """Return every output file's bytes under ``folder`` except the manifests."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "manifest.json"}


def listing(folder: Path) -> list[str]:
    """Return every name under ``folder`` (hidden ones too), sorted."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


# --- packgen new -----------------------------------------------------------------------


def test_a_new_project_builds_and_checks_strict_with_no_warning(tmp_path: Path) -> None:
    root = new_project(tmp_path / "my-workshop")
    built = build(root, root / "build")
    checked = packgen("check", "--strict", "--project", root)
    assert checked.exit_code == 0, checked.output
    for done in (built, checked):
        assert "warning:" not in done.output and "error:" not in done.output
    prs = Presentation(str(root / "build/my-workshop/my-workshop-slides.pptx"))
    titles = [s.shapes.title.text for s in prs.slides if s.shapes.title is not None]
    assert titles[2:8] == ["Three spaces", "Who decides?", "My space, your space, shared space",
                           "The three spaces", "Asking is not sharing", "Place your meetings"]
    assert all(s.has_notes_slide and s.notes_slide.notes_text_frame.text
               for s in list(prs.slides)[3:8])
    with pdfplumber.open(root / "build/my-workshop/my-workshop-guide.pdf") as pdf:
        assert "Three spaces" in "".join(page.extract_text() for page in pdf.pages)


def test_a_new_project_holds_what_goes_where_and_ignores_its_build(tmp_path: Path) -> None:
    root = new_project(tmp_path / "My Workshop")
    assert (root / "content/packs/my-workshop.yaml").is_file()
    readme = (root / "README.md").read_text(encoding="utf-8")
    for part in ("content/modules", "content/packs", "templates/", "build/",
                 "packgen build", "packgen check", "packgen serve", "packgen template export"):
        assert part in readme
    assert "packgen template export" in (root / "templates/README.md").read_text("utf-8")
    assert (root / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "build/"
    assert "PACK_ID" not in readme and "my-workshop" in readme


def test_new_writes_into_an_empty_folder_and_says_what_it_wrote(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = packgen("new", tmp_path / "empty")
    assert done.exit_code == 0
    assert f"wrote {(tmp_path / 'empty/content/modules/welcome.md').as_posix()}" in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("held", ["notes.txt", ".git"])
def test_new_refuses_a_folder_that_holds_anything_and_leaves_it_as_it_was(
        tmp_path: Path, held: str) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / held).write_text("mine", encoding="utf-8")
    done = packgen("new", folder)
    assert done.exit_code == 1
    lines = done.stdout.splitlines()
    assert len(lines) == 1 and lines[0].endswith("[PG030]") and "is not empty" in lines[0]
    assert listing(tmp_path) == ["taken", f"taken/{held}"]
    assert (folder / held).read_text(encoding="utf-8") == "mine"


def test_new_refuses_a_file_of_that_name(tmp_path: Path) -> None:
    (tmp_path / "plan").write_text("mine", encoding="utf-8")
    done = packgen("new", tmp_path / "plan")
    assert done.exit_code == 1 and "[PG030]" in done.stdout
    assert listing(tmp_path) == ["plan"]


def test_new_refuses_a_folder_name_no_pack_id_can_be_made_from(tmp_path: Path) -> None:
    done = packgen("new", tmp_path / "会议")
    assert done.exit_code == 1
    assert done.stdout.count("\n") == 1 and "[PG031]" in done.stdout
    assert "such as my-workshop" in done.stdout
    assert listing(tmp_path) == []


@pytest.mark.parametrize("empty", [False, True])
def test_a_failed_new_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            empty: bool) -> None:
    calls = []
    real = scaffold._write_starter_file

    def failing(*args: object) -> str:
        calls.append(args)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(scaffold, "_write_starter_file", failing)
    if empty:
        (tmp_path / "full").mkdir()
    done = packgen("new", tmp_path / "full")
    assert done.exit_code == 1
    assert "No space left on device" in done.stdout and "[PG034]" in done.stdout
    assert listing(tmp_path) == (["full"] if empty else [])


def test_new_is_one_subprocess_away_from_a_clean_build(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    made = subprocess.run([sys.executable, "-m", "packgen", "new", "talk"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert made.returncode == 0, made.stderr
    assert "next: cd talk && packgen build --strict" in made.stderr
    assert (tmp_path / "talk/content/packs/talk.yaml").is_file()


def test_an_installed_packgen_carries_the_starter_files(tmp_path: Path) -> None:
    """The files a wheel gets (setuptools' build_py, run as the wheel build runs it) hold
    every starter file, and packgen run from there finds them through importlib.resources."""
    source = tmp_path / "source"
    shutil.copytree(REPO / "src", source / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copy(REPO / "pyproject.toml", source)
    shutil.copy(REPO / "README.md", source)
    lib = tmp_path / "lib"
    subprocess.run([sys.executable, "-c", "from setuptools import setup; setup()", "-q",
                    "build_py", "--build-lib", str(lib)], cwd=source, check=True,
                   capture_output=True, timeout=300)
    starter = REPO / "src/packgen/starter"
    expected = sorted(p.relative_to(starter).as_posix() for p in starter.rglob("*")
                      if p.is_file() and "__pycache__" not in p.parts)
    env = {**os.environ, "PYTHONPATH": str(lib)}
    found = subprocess.run([sys.executable, "-c", LIST_STARTER], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=120, check=True)
    where, *names = found.stdout.splitlines()
    assert Path(where).is_relative_to(lib)
    assert names == expected and "content/modules/welcome.md" in names


# --- packgen template export -----------------------------------------------------------


def test_export_writes_the_nine_packaged_templates_into_templates(tmp_path: Path) -> None:
    root = new_project(tmp_path / "p")
    done = packgen("template", "export", "--project", root)
    assert done.exit_code == 0, done.output
    assert done.stderr.splitlines() == [f"wrote templates/{name}" for name in NINE]
    for name in NINE:
        assert (root / "templates" / name).read_bytes() == \
            (packaged_templates() / name).read_bytes()
    assert sorted(p.name for p in (root / "templates").iterdir()) == sorted([*NINE, "README.md"])


def test_export_never_overwrites_and_then_writes_nothing(tmp_path: Path) -> None:
    root = new_project(tmp_path / "p")
    (root / "templates/guide.css").write_text("body { color: red; }\n", encoding="utf-8")
    (root / "templates/deck.pptx").write_bytes(b"mine")
    done = packgen("template", "export", "--project", root)
    assert done.exit_code == 1
    assert done.stdout.splitlines() == [
        f"templates/{name}: error: '{name}' exists: packgen never overwrites a template; move "
        "it away or export into another folder with --to [PG032]"
        for name in ("deck.pptx", "guide.css")]
    assert sorted(p.name for p in (root / "templates").iterdir()) == [
        "README.md", "deck.pptx", "guide.css"]
    assert (root / "templates/guide.css").read_text("utf-8") == "body { color: red; }\n"


def test_export_writes_only_the_templates_named(tmp_path: Path) -> None:
    root = new_project(tmp_path / "p")
    done = packgen("template", "export", "theme.yaml", "deck.pptx", "theme.yaml",
                   "--project", root)
    assert done.exit_code == 0, done.output
    assert done.stderr.splitlines() == ["wrote templates/deck.pptx", "wrote templates/theme.yaml"]
    assert sorted(p.name for p in (root / "templates").iterdir()) == [
        "README.md", "deck.pptx", "theme.yaml"]


def test_export_into_another_folder(tmp_path: Path) -> None:
    root = new_project(tmp_path / "p")
    done = packgen("template", "export", "guide.css", "--project", root,
                   "--to", tmp_path / "look" / "web")
    assert done.exit_code == 0, done.output
    assert (tmp_path / "look/web/guide.css").is_file()
    assert sorted(p.name for p in (root / "templates").iterdir()) == ["README.md"]


@pytest.mark.parametrize(("name", "said"), [
    ("gide.css", "no packaged template 'gide.css'; did you mean 'guide.css'?"),
    ("fonts", "the packaged fonts are not exported"),
])
def test_an_unknown_template_name_is_an_error_and_nothing_is_written(
        tmp_path: Path, name: str, said: str) -> None:
    root = new_project(tmp_path / "p")
    done = packgen("template", "export", "theme.yaml", name, "--project", root)
    assert done.exit_code == 1
    assert said in done.stdout and "[PG033]" in done.stdout
    assert sorted(p.name for p in (root / "templates").iterdir()) == ["README.md"]


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab"])
def test_export_prints_one_machine_document_on_stdout(tmp_path: Path, fmt: str) -> None:
    root = new_project(tmp_path / "p")
    first = packgen("template", "export", "theme.yaml", "--project", root, "--format", fmt)
    again = packgen("template", "export", "theme.yaml", "--project", root, "--format", fmt)
    assert (first.exit_code, again.exit_code) == (0, 1)
    assert "wrote templates/theme.yaml" in first.stderr
    assert "PG032" not in json.dumps(json.loads(first.stdout))
    assert "PG032" in json.dumps(json.loads(again.stdout))


def test_the_shipped_packs_build_the_same_with_every_template_exported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = copy_shipped(tmp_path / "project")
    build(root, tmp_path / "A")
    assert packgen("template", "export", "--project", root).exit_code == 0
    build(root, tmp_path / "B")
    before, after = outputs(tmp_path / "A"), outputs(tmp_path / "B")
    assert len(before) == 6 * 7  # 4 one-language packs and 2 versions of the bilingual one
    assert [name for name in before if before[name] != after.get(name)] == []


@pytest.mark.parametrize("name", ["deck.pptx", "reference.docx", "theme.yaml"])
def test_one_exported_template_builds_the_same_outputs(tmp_path: Path, name: str) -> None:
    root = new_project(tmp_path / "p")
    build(root, tmp_path / "A")
    assert packgen("template", "export", name, "--project", root).exit_code == 0
    build(root, tmp_path / "B")
    assert outputs(tmp_path / "A") == outputs(tmp_path / "B")


def test_an_edited_exported_theme_recolours_the_deck_and_the_word_guide(tmp_path: Path) -> None:
    root = new_project(tmp_path / "p")
    out = root / "build"
    build(root, out)
    packgen("template", "export", "theme.yaml", "deck.pptx", "reference.docx", "--project", root)
    build(root, out)
    theme = root / "templates/theme.yaml"
    text = theme.read_text(encoding="utf-8")
    accent = next(line for line in text.splitlines() if line.strip().startswith("accent:"))
    theme.write_text(text.replace(accent, '  accent: "#7A1F5C"'), encoding="utf-8")
    build(root, out)
    with zipfile.ZipFile(out / "p/p-slides.pptx") as deck:
        assert '<a:accent1><a:srgbClr val="7A1F5C"/>' in deck.read("ppt/theme/theme1.xml").decode()
    guide = docx.Document(str(out / "p/p-guide.docx"))
    assert str(guide.styles["Heading 1"].font.color.rgb) == "7A1F5C"


def test_new_dot_fills_the_empty_current_folder_in_place(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "Café Talk"
    folder.mkdir()
    inode = folder.stat().st_ino
    monkeypatch.chdir(folder)
    done = packgen("new", ".")
    assert done.exit_code == 0, done.output
    assert folder.stat().st_ino == inode
    assert sorted(p.name for p in folder.iterdir()) == [
        ".gitignore", "README.md", "content", "templates"]
    assert (folder / "content/packs/cafe-talk.yaml").is_file()
    (tmp_path / "plain").mkdir()
    assert (folder / "content").stat().st_mode == (tmp_path / "plain").stat().st_mode
