"""Templates found by name: the project's templates/ first, then packgen's defaults."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from packgen import paths
from packgen.errors import Diagnostic, PackgenError
from packgen.paths import find_template, find_templates, packaged_templates

PACKAGED_NAMES = sorted(p.relative_to(packaged_templates()).as_posix()
                        for p in packaged_templates().rglob("*") if p.is_file())


def test_the_packaged_defaults_include_every_template_kind() -> None:
    assert {"theme.yaml", "deck.pptx", "reference.docx", "guide.html", "guide.css",
            "handout.html", "handout.css",
            "fonts/AtkinsonHyperlegibleNext_400Regular.ttf"} <= set(PACKAGED_NAMES)


@pytest.mark.parametrize("name", PACKAGED_NAMES)
def test_without_an_override_every_template_is_the_packaged_default(tmp_path: Path,
                                                                    name: str) -> None:
    found = find_template(tmp_path, name)
    assert found == (packaged_templates() / name, f"packgen:{name}")
    assert found.packaged


@pytest.mark.parametrize("name", PACKAGED_NAMES)
def test_a_project_override_is_found_the_same_way_for_every_template_name(tmp_path: Path,
                                                                         name: str) -> None:
    own = tmp_path / "templates" / name
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_bytes(b"the designer's own")
    found = find_template(tmp_path, name)
    assert found == (own.resolve(), f"templates/{name}")
    assert not found.packaged


@pytest.mark.parametrize("name", ["deck.pptx", "guide.css", "theme.yaml",
                                  "fonts/AtkinsonHyperlegibleNext_700Bold.ttf"])
def test_a_project_template_linking_outside_the_project_is_refused(tmp_path: Path,
                                                                   name: str) -> None:
    outside = tmp_path / "outside"
    outside.write_bytes(b"not the project's")
    own = tmp_path / "project" / "templates" / name
    own.parent.mkdir(parents=True)
    own.symlink_to(outside)
    with pytest.raises(PackgenError) as caught:
        find_template(tmp_path / "project", name)
    assert [str(d) for d in caught.value.diagnostics] == [
        (f"templates/{name}: error: 'templates/{name}' leads outside the project (a symbolic "
         "link?) [PG020]")]


def test_a_templates_folder_linking_outside_the_project_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "guide.css").write_text("body {}")
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "templates").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(PackgenError, match="leads outside the project"):
        find_template(tmp_path / "project", "guide.css")


def test_a_link_that_stays_inside_the_project_is_followed(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "look.css").write_text("body {}")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "guide.css").symlink_to(tmp_path / "content" / "look.css")
    found = find_template(tmp_path, "guide.css")
    assert found == ((tmp_path / "content" / "look.css").resolve(), "templates/guide.css")


@pytest.mark.parametrize("name", ["../secret.css", "/etc/hostname", "fonts/../../x.ttf", "",
                                  "fonts\\x.ttf"])
def test_a_name_leaving_the_templates_folder_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(PackgenError, match="must name a file inside templates/"):
        find_template(tmp_path, name)


def test_a_missing_template_is_one_error_at_where_it_is_named(tmp_path: Path) -> None:
    with pytest.raises(PackgenError) as caught:
        find_template(tmp_path, "brand.pptx", "content/packs/a.yaml", 7)
    assert [str(d) for d in caught.value.diagnostics] == [
        ("content/packs/a.yaml:7: error: template 'brand.pptx' not found in templates/ or in "
         "packgen's defaults [PG407]")]


def test_the_project_theme_is_layered_over_the_packaged_one(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "theme.yaml").write_text("colours: {}\n")
    assert [f.display for f in find_templates(tmp_path, "theme.yaml")] == [
        "templates/theme.yaml", "packgen:theme.yaml"]


# --- every caller finds templates the same way ---------------------------------------------


def _deck_for_build(root: Path) -> object:
    from guide_sample import make_pack

    from packgen.writers.pptx.template import locate

    return locate(make_pack(root))


def _deck_for_check(root: Path) -> object:
    from guide_sample import make_pack

    from packgen.rules.template import find_template as rules_find_template

    return rules_find_template(make_pack(root))


def _deck_for_template_check(root: Path) -> object:
    from packgen.api import inspect_template

    return inspect_template(root)


def _reference_docx(root: Path) -> object:
    from guide_sample import make_pack

    from packgen.writers.docx.guide import write_docx

    return write_docx(make_pack(root), root / "guide.docx", "Guide")


def _guide_page(root: Path) -> object:
    from guide_sample import make_pack

    from packgen.writers.html.guide import render_html

    return render_html(make_pack(root))


def _handout_page(root: Path) -> object:
    from easyread_sample import make_pack

    from packgen.views.handout import handout_view
    from packgen.writers.html.handout import render_html

    tp = make_pack(root)
    return render_html(tp, handout_view(tp))


def _theme(root: Path) -> object:
    from packgen.load.project import load_theme

    return load_theme(root)


def _measuring_font(root: Path) -> object:
    from packgen.rules import fontmetrics

    return fontmetrics._font.__wrapped__(False)


CALLERS: dict[str, tuple[Callable[[Path], object], str]] = {
    "deck build": (_deck_for_build, "deck.pptx"),
    "deck rules": (_deck_for_check, "deck.pptx"),
    "template check": (_deck_for_template_check, "deck.pptx"),
    "word guide": (_reference_docx, "reference.docx"),
    "html guide": (_guide_page, "guide.css"),
    "html handout": (_handout_page, "handout.css"),
    "theme": (_theme, "theme.yaml"),
    "overflow rules": (_measuring_font, "fonts/AtkinsonHyperlegibleNext_400Regular.ttf"),
}


@pytest.mark.parametrize("caller", CALLERS)
def test_a_missing_template_is_the_same_one_line_error_for_every_caller(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caller: str) -> None:
    empty = tmp_path / "no-defaults"
    empty.mkdir()
    monkeypatch.setattr(paths, "packaged_templates", lambda: empty)
    call, name = CALLERS[caller]
    root = tmp_path / "project"
    root.mkdir()
    assert _errors(lambda: call(root)) == [
        (f"templates/{name}: error: template '{name}' not found in templates/ or in packgen's "
         "defaults [PG407]")]


def _errors(call: Callable[[], object]) -> list[str]:
    try:
        found = call()
    except PackgenError as exc:
        return [str(d) for d in exc.diagnostics]
    return [str(found)] if isinstance(found, Diagnostic) else []


@pytest.mark.parametrize("name", ["x\0.png", "a\nb.png", "a" * 5000 + ".png",
                                  "/".join(["folder"] * 200) + "/x.png"])
def test_a_name_no_file_can_have_is_one_error_before_any_file_is_looked_for(
        tmp_path: Path, name: str) -> None:
    with pytest.raises(PackgenError) as exc:
        paths.resolve_in_project(tmp_path, tmp_path, name, "content/modules/a.md", 6)
    (diag,) = exc.value.diagnostics
    assert (diag.path, diag.line) == ("content/modules/a.md", 6)
    assert "file name" in diag.message and "\n" not in str(diag)


@pytest.mark.parametrize("name", ["x\0.pptx", "a" * 5000 + ".pptx"])
def test_a_template_name_no_file_can_have_is_pg400(tmp_path: Path, name: str) -> None:
    with pytest.raises(PackgenError) as exc:
        find_template(tmp_path, name, "content/packs/p.yaml", 9)
    (diag,) = exc.value.diagnostics
    assert (diag.path, diag.line, diag.code) == ("content/packs/p.yaml", 9, "PG400")


def test_a_long_name_within_the_limits_is_looked_for(tmp_path: Path) -> None:
    name = "/".join(["f" * 200] * 4) + "/x.png"
    with pytest.raises(PackgenError, match="file not found"):
        paths.resolve_in_project(tmp_path, tmp_path, name, "content/modules/a.md", 6)


# --- reading project files: contained, read_bytes, read_text ------------------------------


def _one(caught: pytest.ExceptionInfo[PackgenError]) -> str:
    (diagnostic,) = caught.value.diagnostics
    return str(diagnostic)


def test_a_file_inside_the_project_is_returned_at_its_real_place(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_text("body {}")
    (tmp_path / "b.css").symlink_to(tmp_path / "a.css")
    assert paths.contained(tmp_path, tmp_path / "b.css", "b.css") == (tmp_path / "a.css").resolve()


@pytest.mark.parametrize("name", ["../outside.txt", "ABSOLUTE", "link"])
def test_a_file_whose_real_path_leaves_the_project_is_pg020(tmp_path: Path, name: str) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (tmp_path / "outside.txt").write_text("secret")
    (root / "link").symlink_to(tmp_path / "outside.txt")
    path = tmp_path / "outside.txt" if name == "ABSOLUTE" else root / name
    with pytest.raises(PackgenError) as caught:
        paths.read_bytes(root, path, "templates/x.html", 4)
    assert _one(caught).startswith("templates/x.html:4: error: '")
    assert _one(caught).endswith("leads outside the project (a symbolic link?) [PG020]")


def test_a_folder_where_a_file_is_expected_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "templates" / "guide.css").mkdir(parents=True)
    with pytest.raises(PackgenError) as caught:
        paths.find_template(tmp_path, "guide.css")
    assert _one(caught) == ("templates/guide.css: error: 'templates/guide.css' is a folder: a "
                            "file was expected here [PG003]")


def test_a_loop_of_links_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(PackgenError, match="PG003|loop"):
        paths.read_text(tmp_path, tmp_path / "a", "a")


def test_a_file_over_its_limit_is_refused_unread(tmp_path: Path) -> None:
    (tmp_path / "big.css").write_bytes(b" " * 1_000_001)
    with pytest.raises(PackgenError) as caught:
        paths.read_text(tmp_path, tmp_path / "big.css", "templates/big.css", limit=1_000_000)
    assert _one(caught) == ("templates/big.css: error: 'big.css' (1,000,001 bytes) is larger "
                            "than packgen's limit of 1 MB [PG024]")


def test_text_is_utf8_with_or_without_a_byte_order_mark(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_bytes("\ufeffa { content: 'é' }\r\n".encode())
    assert paths.read_text(tmp_path, tmp_path / "a.css", "a.css") == "a { content: 'é' }\n"


def test_text_that_is_not_utf8_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_bytes(b"a {}\nb {}\nc { content: '\xe9' }\n")
    with pytest.raises(PackgenError) as caught:
        paths.read_text(tmp_path, tmp_path / "a.css", "templates/a.css")
    assert _one(caught) == ("templates/a.css:3: error: not UTF-8 text (byte 0xe9): save the "
                            "file as UTF-8 [PG003]")


def test_packaged_templates_are_contained_too() -> None:
    found = paths.packaged_template("guide.css")
    assert paths.contained(Path("/nonexistent-project"), found.path, found.display) == \
        found.path.resolve()
    assert found.read_text().strip()


def test_the_limits_are_named_and_ordered() -> None:
    assert paths.MAX_DATA_BYTES < paths.MAX_TEMPLATE_BYTES < paths.MAX_FILE_BYTES


@pytest.mark.parametrize("name", ["reference.docx", "theme.yaml", "deck.pptx"])
def test_a_project_template_that_is_the_packaged_default_is_shown_as_packaged(
        tmp_path: Path, name: str) -> None:
    own = tmp_path / "templates" / name
    own.parent.mkdir(parents=True)
    own.symlink_to(packaged_templates() / name)
    assert [f.display for f in find_templates(tmp_path, name)] == [f"packgen:{name}"]
    assert find_template(tmp_path, name).packaged
