"""Module and pack ids follow one rule, checked by one function."""

from __future__ import annotations

from pathlib import Path

import pytest
from project_support import MODULE, PACK, findings, make

from packgen import api
from packgen.load.fields import id_like, id_problem


@pytest.mark.parametrize("good", ["welcome", "power-and-control", "staff_intro_2", "A1"])
def test_letters_digits_hyphens_and_underscores_make_an_id(good: str) -> None:
    assert id_problem(good) is None


@pytest.mark.parametrize(("bad", "meant"), [("my module", "my-module"), ("café", "cafe"),
                                            ("v1.2", "v1-2"), ("-start", "start"),
                                            ("a/b", "a-b")])
def test_anything_else_is_not_an_id_and_the_likely_id_is_offered(bad: str, meant: str) -> None:
    assert id_problem(bad) is not None
    assert id_like(bad) == meant


def test_a_module_file_name_that_is_no_id_needs_an_id_in_its_front_matter(tmp_path: Path) -> None:
    root = make(tmp_path, {"content/modules/welcome.md": None,
                           "content/modules/my welcome.md": MODULE})
    assert [f for f in findings(root) if "PG123" in f] == [
        ("content/modules/my welcome.md:1: error: the file name 'my welcome' is not a module id "
        "(ids are letters, digits, '-' and '_'): rename the file to my-welcome.md, or give it "
        "'id: my-welcome' in its front matter [PG123]")]


def test_an_id_in_front_matter_keeps_a_file_name_that_is_no_id(tmp_path: Path) -> None:
    module = MODULE.replace("duration: 10", "duration: 10\nid: welcome")
    root = make(tmp_path, {"content/modules/welcome.md": None,
                           "content/modules/café.md": module})
    assert findings(root) == []


def test_an_id_breaking_the_rule_is_an_error_at_its_line(tmp_path: Path) -> None:
    module = MODULE.replace("duration: 10", "duration: 10\nid: wel.come")
    found = findings(make(tmp_path, {"content/modules/welcome.md": module}))
    assert found[0] == ("content/modules/welcome.md:4: error: 'wel.come' is not an id: ids are "
                        "letters a-z and A-Z, digits, '-' and '_', starting with a letter or "
                        "digit; write id: wel-come [PG123]")


def test_a_pack_file_name_that_is_no_id_is_renamed(tmp_path: Path) -> None:
    root = make(tmp_path, {"content/packs/p.yaml": None, "content/packs/staff intro.yaml": PACK})
    assert findings(root) == [
        ("content/packs/staff intro.yaml:1: error: the file name 'staff intro' is not a pack id "
        "(ids are letters, digits, '-' and '_'; a pack's id is its file name): rename the file "
        "to staff-intro.yaml [PG123]")]


def test_a_pack_has_no_id_key(tmp_path: Path) -> None:
    found = findings(make(tmp_path, {"content/packs/p.yaml": PACK + "id: other\n"}))
    assert len(found) == 1 and "unknown key 'id'" in found[0] and found[0].endswith("[PG025]")


def test_two_modules_with_one_id_name_both_files(tmp_path: Path) -> None:
    module = MODULE.replace("duration: 10", "duration: 10\nid: welcome")
    found = findings(make(tmp_path, {"content/modules/hello.md": module}))
    assert found == [
        ("content/modules/welcome.md:1: error: module id 'welcome' is used by both "
        "content/modules/hello.md and content/modules/welcome.md: give one of them another id "
        "[PG124]")]


def test_a_build_reports_a_duplicate_module_id_once(tmp_path: Path) -> None:
    module = MODULE.replace("duration: 10", "duration: 10\nid: welcome")
    root = make(tmp_path, {"content/modules/hello.md": module})
    result = api.build(root, out_dir=tmp_path / "out")
    lines = [str(d) for d in result.diagnostics if d.code == "PG124"]
    assert lines == [
        ("content/modules/welcome.md:1: error: module id 'welcome' is used by both "
         "content/modules/hello.md and content/modules/welcome.md: give one of them another id "
         "[PG124]")]
    assert [d.code for d in result.packs[0].findings] == ["PG124", "PG015"]
