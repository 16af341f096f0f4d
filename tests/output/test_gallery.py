"""packgen gallery: every slide kind in one deck, with a guide and a handout, in the project's
template and theme; read back with python-pptx and pdfplumber."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation

from packgen import api
from packgen.model.slide_kinds import DEFAULT_LAYOUTS, KINDS
from packgen.output.orphans import orphans
from packgen.paths import packaged_template

SRC = Path(__file__).resolve().parents[2] / "src"
PAGES = ("gallery-guide.pdf", "gallery-guide.html", "gallery-handout.pdf",
         "gallery-handout.html")


def gallery(root: Path, out: Path | None = None) -> tuple[api.Gallery | None, list[str]]:
    made, result = api.gallery(root, out)
    return made, [str(d) for d in result.diagnostics]


def slides(path: Path) -> list[tuple[str, str]]:
    """Return each slide's layout name and the first line of its speaker notes."""
    prs = Presentation(str(path))
    return [(s.slide_layout.name, s.notes_slide.notes_text_frame.text.splitlines()[0])
            for s in prs.slides]


def renamed_template(root: Path, old: str, new: str | None) -> Path:
    """Write ``templates/deck.pptx``: the packaged template with layout ``old`` renamed to
    ``new`` (None: that layout's name is taken by a copy of the one before it, so it is gone)."""
    target = root / "templates" / "deck.pptx"
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(packaged_template("deck.pptx").path) as src, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("ppt/slideLayouts/slideLayout"):
                data = data.replace(f'name="{old}"'.encode(), f'name="{new}"'.encode())
            dst.writestr(item, data)
    return target


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run([sys.executable, "-m", "packgen", "gallery", "--project", str(root),
                           *args], capture_output=True, text=True, env=env, timeout=300,
                          check=False)


@pytest.fixture(scope="module")
def packaged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, api.Gallery]:
    """A gallery of an empty project: packgen's own template and theme."""
    root = tmp_path_factory.mktemp("empty")
    made, found = gallery(root)
    assert made is not None and found == []
    return root, made


def test_the_deck_has_one_slide_per_kind_in_order_each_naming_its_kind_and_layout(
        packaged: tuple[Path, api.Gallery]) -> None:
    root, made = packaged
    assert made.deck == root.resolve() / "build" / "gallery.pptx"
    shown = slides(made.deck)
    assert len(shown) == len(KINDS) == 14
    for (layout, notes), kind in zip(shown, KINDS):
        assert layout == DEFAULT_LAYOUTS[kind]
        assert notes == (f"Slide kind: {kind}. Layout: {layout} "
                         "(from packgen's own deck.pptx).")


def test_the_sample_reads_as_a_real_workshop(packaged: tuple[Path, api.Gallery]) -> None:
    prs = Presentation(str(packaged[1].deck))
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles[0] == "Sharing power: planning services together"
    assert titles[10] == "My space"  # the easy-read row's slide
    table = next(sh for sh in prs.slides[8].shapes if sh.has_table)
    assert table.table.cell(0, 1).text == "Who holds power and control"
    pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    assert len(pictures) == 2  # the picture slide and the easy-read row
    text = " ".join(sh.text_frame.text for sh in prs.slides[12].shapes if sh.has_text_frame)
    assert "Back at 11:15" in text  # the break in the sample's timetable


def test_the_guide_and_handout_sit_beside_the_deck_with_their_own_pages(
        packaged: tuple[Path, api.Gallery]) -> None:
    root, made = packaged
    assert [p.name for p in made.pages] == [p for p in PAGES]
    with pdfplumber.open(root / "build" / "gallery-guide.pdf") as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
        # the cover, the session plan and checklists, the main module's pages
        assert len(pdf.pages) == 4
    assert "Session plan" in text and "Map one meeting" in text
    with pdfplumber.open(root / "build" / "gallery-handout.pdf") as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
        # the cover, the details of the day, the rows, who to contact
        assert len(pdf.pages) == 4
    assert "is where we make choices" in text and "Who to contact" in text


def test_gallery_files_at_the_top_of_build_are_not_orphaned_pack_folders(
        packaged: tuple[Path, api.Gallery]) -> None:
    root, _ = packaged
    assert orphans(root / "build", ()) == []
    assert sorted(p.name for p in (root / "build").iterdir()) == sorted(
        ("gallery.pptx", *PAGES))


def test_a_project_template_with_a_renamed_layout_and_its_theme_mapping_is_used(
        tmp_path: Path) -> None:
    renamed_template(tmp_path, "Quote", "Pull Quote")
    (tmp_path / "templates" / "theme.yaml").write_text("layouts:\n  quote: Pull Quote\n")
    made, found = gallery(tmp_path)
    assert made is not None and found == []
    layout, notes = slides(made.deck)[KINDS.index("quote")]
    assert layout == "Pull Quote"
    assert notes == "Slide kind: quote. Layout: Pull Quote (from templates/deck.pptx)."


def test_a_template_missing_a_layout_gives_the_other_kinds_and_one_finding(
        tmp_path: Path) -> None:
    renamed_template(tmp_path, "Quote", "Pull Quote")
    (tmp_path / "templates" / "theme.yaml").write_text("layouts:\n  quote: Big Quote\n")
    made, found = gallery(tmp_path)
    assert made is not None
    kinds = [notes.split(".")[0].removeprefix("Slide kind: ") for _, notes in slides(made.deck)]
    assert kinds == [k for k in KINDS if k != "quote"]
    assert len(found) == 1
    assert found[0].startswith("templates/deck.pptx: error: theme.yaml maps quote slides to "
                               "layout 'Big Quote', which the template lacks")
    assert found[0].endswith("[PG401]")


def test_a_theme_colour_change_shows_in_the_deck(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "theme.yaml").write_text('colours:\n  accent: "#8A1538"\n')
    made, _ = gallery(tmp_path)
    with zipfile.ZipFile(made.deck) as deck:
        theme = deck.read("ppt/theme/theme1.xml").decode()
    assert "8A1538" in theme


def test_a_broken_module_does_not_stop_the_gallery(tmp_path: Path) -> None:
    modules = tmp_path / "content" / "modules"
    modules.mkdir(parents=True)
    (modules / "broken.md").write_text("---\ntitle: [unclosed\n---\n")
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(slides(tmp_path / "build" / "gallery.pptx")) == 14


def test_a_broken_theme_is_one_line_exit_1_and_nothing_written(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "theme.yaml").write_text("colours:\n  accent: red\n")
    result = run(tmp_path)
    assert result.returncode == 1
    assert result.stdout.strip().startswith("templates/theme.yaml:2: error: colour 'accent'")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "build").exists()


def test_a_template_that_is_not_a_deck_is_one_line_and_nothing_written(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "deck.pptx").write_bytes(b"not a zip")
    result = run(tmp_path)
    assert result.returncode == 1
    assert result.stdout.count("\n") == 1 and "templates/deck.pptx: error:" in result.stdout
    assert not (tmp_path / "build").exists()


def test_out_names_the_deck_and_the_pages_take_its_stem(tmp_path: Path) -> None:
    target = tmp_path / "review" / "look.pptx"
    made, _ = gallery(tmp_path / "project", target)
    assert made is not None and made.deck == target
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "look-guide.html", "look-guide.pdf", "look-handout.html", "look-handout.pdf",
        "look.pptx"]


def test_out_must_be_a_pptx_file(tmp_path: Path) -> None:
    made, found = gallery(tmp_path, tmp_path / "gallery.pdf")
    assert made is None
    assert found == [(f"{tmp_path / 'gallery.pdf'}: error: the gallery is a PowerPoint deck: "
                      "give --out a file name ending .pptx, not 'gallery.pdf' [PG035]")]


def test_the_same_inputs_give_the_same_bytes(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, _ = gallery(tmp_path, tmp_path / "a" / "gallery.pptx")
    second, _ = gallery(tmp_path, tmp_path / "b" / "gallery.pptx")
    for one, two in zip((first.deck, *first.pages), (second.deck, *second.pages)):
        assert one.read_bytes() == two.read_bytes(), one.name


def test_json_format_is_one_valid_document_and_the_files_go_to_stderr(tmp_path: Path) -> None:
    result = run(tmp_path, "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []
    assert "wrote build/gallery.pptx (14 slides)" in result.stderr or \
        "gallery.pptx (14 slides)" in result.stderr


def test_a_kind_borrowing_a_layout_says_which_it_stands_in_for(tmp_path: Path) -> None:
    renamed_template(tmp_path, "Statement", "Big Words")
    made, found = gallery(tmp_path)
    assert found == []
    layout, notes = slides(made.deck)[KINDS.index("statement")]
    assert layout == "Section Header"
    assert notes == ("Slide kind: statement. Layout: Section Header, standing in for Statement "
                     "(from templates/deck.pptx).")
