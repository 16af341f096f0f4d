"""Compiling a designer's Typst template: package imports refused, errors at file and line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import typst
from guide_sample import make_pack

from packgen.errors import PackgenError
from packgen.paths import packaged_template
from packgen.writers.pdf import engine
from packgen.writers.pdf.pages import write_guide, write_handout


def designer_template(root: Path, name: str, text: str) -> None:
    (root / "templates").mkdir(parents=True, exist_ok=True)
    (root / "templates" / name).write_text(text, encoding="utf-8")


def test_a_broken_designer_template_is_one_diagnostic_at_its_line(tmp_path: Path) -> None:
    tp = make_pack(tmp_path)
    designer_template(tmp_path, "guide.typ",
                      '#let d = json(bytes(sys.inputs.at("data")))\n'
                      "#set document(title: d.title)\n\n= #d.no-such-field\n")
    with pytest.raises(PackgenError) as caught:
        write_guide(tp, tmp_path / "g.pdf")
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.path, diagnostic.line, diagnostic.code) == ("templates/guide.typ", 4,
                                                                   "PG408")
    assert "no-such-field" in diagnostic.message
    assert not (tmp_path / "g.pdf").exists()


def test_a_pdf_ua_violation_in_a_designer_template_is_a_diagnostic(tmp_path: Path) -> None:
    tp = make_pack(tmp_path)
    designer_template(tmp_path, "handout.typ",
                      '#set document(title: "x")\n#set text(lang: "en")\n'
                      '#image("/content/images/meeting.png")\n')
    with pytest.raises(PackgenError) as caught:
        write_handout(tp, tmp_path / "h.pdf")
    assert str(caught.value).startswith("templates/handout.typ:3: error: print template: "
                                        "PDF/UA-1 error: missing alt text")


@pytest.mark.parametrize("line", ['#import "@preview/cetz:0.3.4": canvas',
                                  '#include "@local/mine:1.0.0"',
                                  "  #import '@preview/tablex:0.0.9'"])
def test_a_package_import_is_refused_before_anything_is_compiled(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str) -> None:
    tp = make_pack(tmp_path)
    designer_template(tmp_path, "guide.typ", f"// my guide\n{line}\n= Guide\n")

    def no_compile(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the compiler ran (and would have tried to download)")

    monkeypatch.setattr(typst, "compile", no_compile)
    with pytest.raises(PackgenError) as caught:
        write_guide(tp, tmp_path / "g.pdf")
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.path, diagnostic.line) == ("templates/guide.typ", 2)
    assert "packages are not allowed" in diagnostic.message


def test_a_package_import_in_a_file_the_template_imports_is_refused(tmp_path: Path) -> None:
    tp = make_pack(tmp_path)
    source = packaged_template("guide.typ").path.read_text(encoding="utf-8")
    designer_template(tmp_path, "guide.typ", '#import "/templates/parts.typ": *\n' + source)
    designer_template(tmp_path, "parts.typ", '\n#import "@preview/cetz:0.3.4"\n')
    with pytest.raises(PackgenError) as caught:
        write_guide(tp, tmp_path / "g.pdf")
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.path, diagnostic.line) == ("templates/parts.typ", 2)


def test_an_error_in_a_file_the_template_imports_is_reported_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tp = make_pack(tmp_path)
    designer_template(tmp_path, "guide.typ", '#import "/templates/parts.typ": *\n= Guide\n')
    designer_template(tmp_path, "parts.typ", '#let a = 1\n#let b = a.nothing\n')
    monkeypatch.chdir(tmp_path.parent)
    with pytest.raises(PackgenError) as caught:
        write_guide(tp, tmp_path / "g.pdf")
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.path, diagnostic.line) == ("templates/parts.typ", 2)


def test_a_package_name_in_a_comment_is_not_refused() -> None:
    engine.refuse_packages('// see "@preview/cetz:0.3.4" for diagrams\n= Guide\n', "x.typ")


def test_the_project_template_overrides_the_packaged_one(tmp_path: Path) -> None:
    tp = make_pack(tmp_path)
    source = packaged_template("guide.typ").path.read_text(encoding="utf-8")
    designer_template(tmp_path, "guide.typ", source.replace('say("facilitator_guide")',
                                                            "[Do not share]"))
    write_guide(tp, tmp_path / "g.pdf")
    import pdfplumber

    with pdfplumber.open(tmp_path / "g.pdf") as pdf:
        assert "Do not share" in pdf.pages[0].extract_text()


@pytest.mark.parametrize("kind", ["guide", "handout"])
def test_the_same_bytes_from_any_output_folder_working_directory_or_copy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    write = {"guide": write_guide, "handout": write_handout}[kind]
    made = []
    for n in range(3):
        root = tmp_path / f"copy{n}" / "project"
        tp = make_pack(root)
        out = tmp_path / f"out{n}"
        out.mkdir()
        monkeypatch.chdir(root if n == 1 else tmp_path)
        write(tp, out / "doc.pdf")
        made.append((out / "doc.pdf").read_bytes())
    assert made[0] == made[1] == made[2]


def test_the_build_time_is_the_document_date(tmp_path: Path) -> None:
    import pikepdf

    tp = make_pack(tmp_path)
    tp = dataclasses.replace(tp, built=tp.built.replace(year=2027))
    write_guide(tp, tmp_path / "g.pdf")
    with pikepdf.open(tmp_path / "g.pdf") as pdf:
        assert str(pdf.docinfo.CreationDate).startswith("D:20270301093000")


def test_the_documented_example_change_shows_on_every_page(tmp_path: Path) -> None:
    import re

    import pdfplumber
    from where import REPO

    docs = (REPO / "docs" / "templates.md").read_text(encoding="utf-8")
    example = docs.split("### Example: a line in every page footer", 1)[1]
    diff = re.search(r"```diff\n(.*?)```", example, re.DOTALL)[1].splitlines()
    old = "\n".join(x[1:] for x in diff if x.startswith("-"))
    new = "\n".join(x[1:] for x in diff if x.startswith("+"))
    source = packaged_template("guide.typ").path.read_text(encoding="utf-8")
    assert source.count(old) == 1
    tp = make_pack(tmp_path)
    designer_template(tmp_path, "guide.typ", source.replace(old, new))
    write_guide(tp, tmp_path / "g.pdf")
    with pdfplumber.open(tmp_path / "g.pdf") as pdf:
        assert all("Please do not share" in p.extract_text() for p in pdf.pages)


@pytest.mark.parametrize("link", ["templates/parts/secret.typ", "templates/fonts/Secret_400.ttf"])
def test_a_typst_file_or_font_leading_outside_the_project_is_refused(tmp_path: Path,
                                                                      link: str) -> None:
    root = tmp_path / "project"
    tp = make_pack(root)
    outside = tmp_path / "outside.bin"
    outside.write_text("// not the project's\n", encoding="utf-8")
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    (root / link).symlink_to(outside)
    with pytest.raises(PackgenError) as caught:
        write_guide(tp, tmp_path / "g.pdf")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.path == link and "leads outside the project" in diagnostic.message
    assert not (tmp_path / "g.pdf").exists()


@pytest.mark.parametrize("line", [
    '#image("https://example.org/x.png", alt: "x")', '#let t = read("http://example.org/t")',
    '#include "//example.org/part.typ"', '#let d = json( "https://example.org/d.json")',
])
def test_a_file_loaded_from_an_address_is_refused_at_its_line(line: str) -> None:
    with pytest.raises(PackgenError) as caught:
        engine.check_source(f"= Title\n{line}\n", "templates/guide.typ")
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.path, diagnostic.line, diagnostic.code) == (
        "templates/guide.typ", 2, "PG021")


def test_a_link_to_an_address_stays_a_link() -> None:
    engine.check_source('#link("https://example.org")[the site]\n', "templates/guide.typ")


def test_the_compiler_root_holds_templates_content_and_named_pictures_only(
        tmp_path: Path) -> None:
    root = tmp_path / "project"
    for name in ("templates/guide.typ", "content/images/a.png", "assets/b.png",
                 "build/old.pdf", "packgen.toml"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name)
    readable = engine.readable_root(root, iter(["assets/b.png"]))
    held = sorted(p.relative_to(readable).as_posix() for p in readable.rglob("*") if p.is_file())
    assert held == ["assets/b.png", "content/images/a.png", "templates/guide.typ"]
    (root / "content/images/a.png").unlink()
    again = engine.readable_root(root, iter([]))
    assert again == readable
    assert sorted(p.name for p in again.rglob("*") if p.is_file()) == ["guide.typ"]


@pytest.mark.parametrize("link", ["content/secret.txt", "templates/art"])
def test_a_link_out_of_the_readable_folders_is_refused_before_compiling(tmp_path: Path,
                                                                       link: str) -> None:
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "templates").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "x.txt").write_text("secret")
    (root / link).symlink_to(tmp_path / "outside" / ("x.txt" if "." in link else ""))
    with pytest.raises(PackgenError) as caught:
        engine.readable_root(root, iter([]))
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.path, diagnostic.code) == (link, "PG020")
