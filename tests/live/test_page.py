"""The page state after a build: packs, outputs from the manifests, findings, outlines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from packgen.api import BuildResult, PackResult
from packgen.errors import Diagnostic, Severity
from packgen.live.page import Outlines, allowed_files, gallery_entry, page_state
from packgen.model import SlideOutline

SHA = "a" * 64
OUTPUTS = [("deck", "pptx", "p-slides.pptx"), ("guide", "html", "p-guide.html"),
           ("guide", "pdf", "p-guide.pdf"), ("handout", "html", "p-easy-read.html")]


def manifest(out: Path, pack: str, inputs: list[str], outputs=OUTPUTS) -> None:
    folder = out / pack
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({
        "pack": pack, "title": f"Title of {pack}",
        "outputs": [{"kind": k, "format": f, "path": n, "sha256": SHA} for k, f, n in outputs],
        "inputs": [{"path": p, "sha256": SHA} for p in inputs],
    }), encoding="utf-8")


def warning(message: str, path: str | None) -> Diagnostic:
    return Diagnostic(Severity.WARNING, message, path, 3, "PG101")


class Reader:
    def __init__(self) -> None:
        self.read: list[Path] = []

    def __call__(self, path: Path) -> tuple[SlideOutline, ...]:
        self.read.append(path)
        return (SlideOutline(1, "Hello", "Title Slide", "Say hello"),)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    out = tmp_path / "build"
    manifest(out, "p", ["content/modules/a.md", "content/packs/p.yaml"])
    manifest(out, "q", ["content/modules/b.md"], outputs=[])
    return out


def state(tmp_path: Path, out: Path, findings, ok=("p", "q"), reader=None) -> dict:
    result = BuildResult(findings, [PackResult(p, out / p, ok=p in ok) for p in ("p", "q")])
    return page_state(tmp_path, out, ["p", "q"], findings, result, Outlines(reader or Reader()))


def test_each_pack_lists_its_manifest_outputs_html_inline_the_rest_downloads(
        tmp_path: Path, out: Path) -> None:
    page = state(tmp_path, out, [])
    p = page["packs"][0]
    assert p["title"] == "Title of p" and p["built"] is True
    assert [(o["name"], o["inline"]) for o in p["outputs"]] == [
        ("p-slides.pptx", False), ("p-guide.html", True), ("p-guide.pdf", False),
        ("p-easy-read.html", True)]
    assert p["outputs"][1]["url"] == "/files/p/p-guide.html"
    assert p["outline"] == [{"number": 1, "title": "Hello", "layout": "Title Slide",
                             "notes": "Say hello"}]
    assert page["packs"][1]["outputs"] == [] and page["packs"][1]["deck"] is None


def test_findings_go_to_the_packs_whose_inputs_they_are_about_the_rest_project_wide(
        tmp_path: Path, out: Path) -> None:
    findings = [warning("in a", "content/modules/a.md"), warning("in b", "content/modules/b.md"),
                warning("glossary", "content/glossary.yaml"), warning("no place", None),
                warning("folder", "build/q")]
    page = state(tmp_path, out, findings)
    texts = [[f["text"] for f in pack["findings"]] for pack in page["packs"]]
    assert texts == [["content/modules/a.md:3: warning: in a [PG101]"],
                     ["content/modules/b.md:3: warning: in b [PG101]",
                      "build/q:3: warning: folder [PG101]"]]
    assert [f["text"] for f in page["findings"]] == [
        "content/glossary.yaml:3: warning: glossary [PG101]", "warning: no place [PG101]"]
    assert page["ok"] is True


def test_a_failed_build_keeps_the_previous_outputs_and_is_not_ok(
        tmp_path: Path, out: Path) -> None:
    broken = Diagnostic(Severity.ERROR, "invalid YAML", "content/modules/a.md", 4, "PG003")
    page = page_state(tmp_path, out, ["p"], [broken], None, Outlines(Reader()))
    assert page["ok"] is False
    assert page["packs"][0]["built"] is False
    assert len(page["packs"][0]["outputs"]) == 4
    assert page["packs"][0]["findings"][0]["severity"] == "error"


def test_an_unchanged_deck_is_read_once(tmp_path: Path, out: Path) -> None:
    reader = Reader()
    outlines = Outlines(reader)
    for _ in range(3):
        page_state(tmp_path, out, ["p"], [], None, outlines)
    assert reader.read == [out / "p" / "p-slides.pptx"]


def test_only_files_a_manifest_lists_are_allowed(tmp_path: Path, out: Path) -> None:
    (out / "p" / "notes.txt").write_text("mine", encoding="utf-8")
    allowed = allowed_files(state(tmp_path, out, []))
    assert allowed == {f"/files/p/{name}": out / "p" / name for _k, _f, name in OUTPUTS}


def test_a_manifest_naming_a_file_outside_its_folder_allows_nothing_there(
        tmp_path: Path) -> None:
    out = tmp_path / "build"
    manifest(out, "p", [], outputs=[("guide", "html", "../../etc/passwd"),
                                    ("guide", "pdf", "/etc/passwd"), ("deck", "pptx", "ok.pptx")])
    page = page_state(tmp_path, out, ["p"], [], None, Outlines(Reader()))
    assert list(allowed_files(page)) == ["/files/p/ok.pptx"]


def test_the_gallery_entry_lists_the_gallery_files_at_the_top_of_the_output_folder(
        tmp_path: Path, out: Path) -> None:
    for name in ("gallery.pptx", "gallery-guide.html", "gallery-handout.pdf"):
        (out / name).write_bytes(b"x")
    reader = Reader()
    entry = gallery_entry(out, [warning("no layout", "templates/deck.pptx")], True,
                          Outlines(reader))
    assert entry["title"] == "Template gallery" and entry["built"] is True
    assert [(o["label"], o["url"], o["inline"]) for o in entry["outputs"]] == [
        ("Slides (PPTX)", "/files/template-gallery/gallery.pptx", False),
        ("Facilitator guide (HTML)", "/files/template-gallery/gallery-guide.html", True),
        ("Easy-read handout (PDF)", "/files/template-gallery/gallery-handout.pdf", False)]
    assert entry["outline"][0]["layout"] == "Title Slide" and reader.read == [
        out / "gallery.pptx"]
    assert entry["findings"] == [{"severity": "warning",
                                  "text": "templates/deck.pptx:3: warning: no layout [PG101]"}]
    page = state(tmp_path, out, [])
    page["packs"].append(entry)
    assert allowed_files(page)["/files/template-gallery/gallery.pptx"] == out / "gallery.pptx"


def test_without_a_gallery_built_the_entry_lists_nothing(tmp_path: Path) -> None:
    entry = gallery_entry(tmp_path, [], False, Outlines(Reader()))
    assert entry["outputs"] == [] and entry["deck"] is None and entry["outline"] == []


def test_a_bilingual_packs_outputs_are_labelled_with_their_language(tmp_path: Path) -> None:
    out = tmp_path / "build"
    folder = out / "p"
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({
        "pack": "p", "title": "Codi llais", "languages": ["cy-GB", "en-GB"],
        "outputs": [{"kind": "deck", "format": "pptx", "path": f"p-slides.{short}.pptx",
                     "sha256": SHA, "language": tag}
                    for short, tag in (("cy", "cy-GB"), ("en", "en-GB"))],
        "inputs": []}), encoding="utf-8")
    (out / "q").mkdir()
    page = state(tmp_path, out, [])
    outputs = page["packs"][0]["outputs"]
    assert [(o["label"], o["name"]) for o in outputs] == [
        ("Slides (PPTX, cy-GB)", "p-slides.cy.pptx"), ("Slides (PPTX, en-GB)", "p-slides.en.pptx")]
    assert page["packs"][0]["deck"]["name"] == "p-slides.cy.pptx"
