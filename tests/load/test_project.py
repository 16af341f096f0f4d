"""Tests for loading a whole project: every file, defaults, hashes, errors reported together."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from project_support import PACK
from where import FIXTURES, copy_project

from packgen.errors import PackgenError, Severity
from packgen.load.project import load, load_project
from packgen.load.project_data import DEFAULT_SPACES

FIXTURE = FIXTURES / "project"

MODULE = "---\ntitle: Welcome\nduration: 10\n---\n\n## Hello\n\nHello {{ organisation }}.\n"


def make(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """Return a minimal project (one module, one pack) with ``files`` added or replaced."""
    base = {"content/modules/welcome.md": MODULE, "content/packs/p.yaml": PACK, **files}
    for name, text in base.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return tmp_path


def errors_of(root: Path) -> list[str]:
    """Return the diagnostic lines of the PackgenError loading ``root`` raises."""
    with pytest.raises(PackgenError) as exc:
        load_project(root)
    return [str(d) for d in exc.value.diagnostics]


def test_fixture_project_loads_every_file() -> None:
    project, findings = load_project(FIXTURE)
    assert findings == []
    assert sorted(project.modules) == ["power", "spaces", "welcome"]
    assert sorted(project.packs) == ["self-advocates", "staff-short"]
    assert list(project.audiences) == ["staff", "mixed", "self-advocates"]
    assert [s.id for s in project.spaces] == ["my_space", "your_space", "shared_space"]
    assert project.spaces[2].overlaps == ("my_space", "your_space")
    assert project.spaces[0].picture.src == "content/images/my-space.png"
    assert [g.term for g in project.glossary] == ["coproduction", "engagement"]
    assert project.glossary[0].forms == ("coproduce", "coproducing")
    assert project.config.allow_words == frozenset({"coproduction"})
    assert project.config.thresholds == {"sentence_words": 15.0}
    assert project.config.silence["PG303"] == ("self-advocates",)


def test_project_theme_overrides_the_packaged_theme_key_by_key() -> None:
    project, _ = load_project(FIXTURE)
    assert project.theme.colours["accent"] == "#00485A"
    assert project.theme.colours["my_space"] == "#7A2E8E"
    assert project.theme.fonts["heading"] == "Atkinson Hyperlegible Next"
    assert project.theme.source == "templates/theme.yaml"


def test_inputs_hash_every_file_read_and_name_packaged_defaults() -> None:
    project, _ = load_project(FIXTURE)
    pack = FIXTURE / "content/packs/staff-short.yaml"
    assert project.inputs["content/packs/staff-short.yaml"] == hashlib.sha256(
        pack.read_bytes()).hexdigest()
    for name in ("packgen:theme.yaml", "templates/theme.yaml", "packgen.toml",
                 "content/modules/power.md", "content/model.yaml", "content/images/power.png",
                 "content/images/cover.png", "content/images/my-space.png"):
        assert name in project.inputs, name
    assert list(project.inputs) == sorted(project.inputs)


def test_optional_files_may_all_be_absent(tmp_path: Path) -> None:
    project, findings = load_project(make(tmp_path, {}))
    assert findings == []
    assert project.spaces == DEFAULT_SPACES
    assert project.audiences == {} and project.glossary == ()
    assert project.theme.source == "packgen:theme.yaml"
    assert project.theme.colours["shared_space"] == "#B35000"
    assert set(project.inputs) == {"content/modules/welcome.md", "content/packs/p.yaml",
                                   "packgen:theme.yaml"}


def test_a_broken_pack_is_an_error_for_that_pack_only(tmp_path: Path) -> None:
    root = make(tmp_path, {"content/packs/broken.yaml": PACK + "titel: typo\n"})
    project, findings = load_project(root)
    assert list(project.packs) == ["p"]
    assert [str(d) for d in findings] == [
        ("content/packs/broken.yaml:10: error: unknown key 'titel'; did you mean 'title'? "
        "(expected one of: access, audience, breaks, checked_by, checked_by_cy, contact, "
        "cover, date, deck_style, facilitators, language, languages, modules, organisation, "
        "participants, slot, start, template, title, variables, venue) [PG025]")]
    loaded = load(root)
    assert list(loaded.pack_errors) == ["broken"] and loaded.diagnostics == ()


def test_a_pack_with_bad_yaml_is_an_error_for_that_pack_only(tmp_path: Path) -> None:
    root = make(tmp_path, {"content/packs/bad.yaml": "title: [unclosed\n",
                           "content/packs/bom.yaml": b"\xef\xbb\xbf" + PACK.replace(
                               "\n", "\r\n").encode()})
    loaded = load(root)
    assert sorted(loaded.project.packs) == ["bom", "p"]
    assert loaded.pack_errors["bad"][0].path == "content/packs/bad.yaml"


def test_project_wide_problems_are_all_reported_at_once(tmp_path: Path) -> None:
    root = make(tmp_path, {
        "content/audiences.yaml": "- id: staff\n- name: No id\n- id: staff\n",
        "content/model.yaml": "spaces:\n  - {id: a, name: A, colour: purple, overlaps: [b]}\n",
        "content/glossary.yaml": "- term: coproduction\n",
        "templates/theme.yaml": "colours: {accent: teal}\nfont: {body: Arial}\n",
        "packgen.toml": "[rules]\nslide_words = 'ten'\n",
    })
    found = errors_of(root)
    assert found == [
        "content/audiences.yaml:2: error: missing required key 'id' [PG011]",
        "content/audiences.yaml:3: error: audience 'staff' is given twice [PG011]",
        ("templates/theme.yaml:2: error: unknown key 'font'; did you mean 'fonts'? (expected "
         "one of: colours, fonts, layouts, logo) [PG025]"),
        ("templates/theme.yaml:1: error: colour 'accent' must be written #RRGGBB; found 'teal': "
         "it does not start with '#' [PG011]"),
        ("content/model.yaml:2: error: colour 'purple' is neither #RRGGBB nor a theme colour "
        "(theme colours: accent, accent_text, background, muted, my_space, shared_space, "
        "surface, text, your_space) [PG011]"),
        "content/model.yaml:2: error: space 'a' overlaps unknown space 'b' (spaces: a) [PG011]",
        "content/glossary.yaml:1: error: missing required key 'explanation' [PG011]",
        ("packgen.toml:2: error: rule threshold 'slide_words' must be a whole number above 0; "
        "found 'ten' [PG026]"),
    ]


def test_module_errors_are_reported_with_the_other_project_errors(tmp_path: Path) -> None:
    root = make(tmp_path, {"content/modules/bad.md": "---\ntitle: Bad\n---\n\nText\n",
                           "content/glossary.yaml": "[unclosed\n"})
    found = errors_of(root)
    assert any(line.startswith("content/modules/bad.md") for line in found)
    assert any(line.startswith("content/glossary.yaml:") for line in found)


def test_non_utf8_data_file_is_an_error_with_its_line(tmp_path: Path) -> None:
    root = make(tmp_path, {"content/audiences.yaml": b"- id: staff\n- id: caf\xe9\n"})
    assert errors_of(root) == [("content/audiences.yaml:2: error: not UTF-8 text (byte 0xe9): "
                               "save the file as UTF-8 [PG003]")]


def test_bad_toml_names_its_line(tmp_path: Path) -> None:
    root = make(tmp_path, {"packgen.toml": "[rules]\nmax = 1\nmax = 2\n"})
    found = errors_of(root)
    assert len(found) == 1 and found[0].startswith("packgen.toml:3: error: invalid TOML:")


def test_toml_tables_and_codes_are_checked(tmp_path: Path) -> None:
    root = make(tmp_path, {"packgen.toml": "[silense]\nPG101 = ['x']\n\n[silence]\nPG1 = 'x'\n"
                                           "\n[easy-read]\nallow = 'coproduction'\nalow = []\n"})
    assert errors_of(root) == [
        ("packgen.toml:1: error: unknown table [silense]; did you mean [silence]? (expected "
        "one of: easy-read, markdown, rules, silence) [PG025]"),
        ("packgen.toml:9: error: unknown key 'alow' in [easy-read]; did you mean 'allow'? "
        "(expected one of: allow) [PG025]"),
        "packgen.toml:5: error: [silence] key 'PG1' is not a rule code like PG301 [PG028]",
    ]


def test_space_pictures_stay_inside_the_project(tmp_path: Path) -> None:
    model = "spaces:\n  - id: a\n    name: A\n    picture: {src: ../../../secret.png, alt: x}\n"
    assert errors_of(make(tmp_path, {"content/model.yaml": model})) == [
        "content/model.yaml:4: error: '../../../secret.png' leads outside the project [PG114]"]


def test_pack_files_with_yml_extension_are_reported_not_silently_ignored(tmp_path: Path) -> None:
    _, findings = load_project(make(tmp_path, {"content/packs/other.yml": PACK}))
    assert [d.severity for d in findings] == [Severity.WARNING]
    assert str(findings[0]) == ("content/packs/other.yml: warning: ignored: pack files end in "
                                ".yaml [PG010]")


def test_fixture_copy_with_a_fourth_space_needs_no_code(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    with (root / "content/model.yaml").open("a") as stream:
        stream.write("  - {id: fourth_space, name: Fourth space, colour: '#123456'}\n")
    project, _ = load_project(root)
    assert [s.name for s in project.spaces][-1] == "Fourth space"


def test_pack_errors_are_reported_with_project_wide_errors(tmp_path: Path) -> None:
    root = make(tmp_path, {"content/glossary.yaml": "- term: x\n",
                           "content/packs/typo.yaml": PACK + "slott: 5\n"})
    found = errors_of(root)
    assert found[0].startswith("content/glossary.yaml:1: error: missing required key")
    assert found[1].startswith("content/packs/typo.yaml:10: error: unknown key 'slott'")


def test_a_pack_file_linking_outside_the_project_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(PACK)
    root = make(tmp_path / "project", {})
    (root / "content/packs/linked.yaml").symlink_to(outside)
    loaded = load(root)
    assert [str(d) for d in loaded.pack_errors["linked"]] == [
        ("content/packs/linked.yaml: error: 'content/packs/linked.yaml' leads outside the "
         "project (a symbolic link?) [PG020]")]


def test_empty_spaces_list_is_an_error(tmp_path: Path) -> None:
    assert errors_of(make(tmp_path, {"content/model.yaml": "spaces: []\n"})) == [
        "content/model.yaml:1: error: 'spaces' must list at least one space [PG011]"]


def test_a_colour_says_what_is_wrong_with_its_hex(tmp_path: Path) -> None:
    root = make(tmp_path, {
        "templates/theme.yaml": 'colours:\n  accent: "#GG0000"\n  muted: "4A4A4A"\n',
        "content/model.yaml": 'spaces:\n  - {id: a, name: A, colour: "#12345"}\n',
    })
    assert errors_of(root) == [
        ("templates/theme.yaml:2: error: colour 'accent' must be written #RRGGBB; found "
         "'#GG0000': 'G' is not a hex digit (0-9, A-F) [PG011]"),
        ("templates/theme.yaml:3: error: colour 'muted' must be written #RRGGBB; found "
         "'4A4A4A': it does not start with '#' [PG011]"),
        ("content/model.yaml:2: error: colour '#12345' is not #RRGGBB: it has 5 hex "
         "digits, not 6 [PG011]"),
    ]


def test_a_font_family_written_as_a_path_is_refused(tmp_path: Path) -> None:
    root = make(tmp_path, {"templates/theme.yaml": "fonts:\n  body: ../../elsewhere/Face\n"})
    assert errors_of(root) == [
        ("templates/theme.yaml:2: error: font family '../../elsewhere/Face' is written as a "
         "path: write its name (such as Atkinson Hyperlegible Next); its files are found in "
         "templates/fonts [PG020]")]


def test_a_templates_folder_linking_outside_the_project_is_refused_when_hashing(
        tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    root = make(tmp_path / "project", {"templates/theme.yaml": "colours: {}\n"})
    (root / "templates" / "more").symlink_to(tmp_path / "outside")
    assert errors_of(root) == [
        ("templates/more: error: 'templates/more' leads outside the project (a symbolic "
         "link?) [PG020]")]
