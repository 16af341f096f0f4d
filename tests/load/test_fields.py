"""Every YAML file, front matter included, is checked field by field with the same messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from project_support import MODULE, PACK, THEME, findings
from project_support import make as make_project

from packgen.load.project import load_project

PICTURE = "{src: images/pic.png, alt: A picture}"


def make(tmp_path: Path, files: dict[str, str]) -> Path:
    """Return a minimal project (one module, one pack, one picture, no audiences.yaml) with
    ``files`` added."""
    return make_project(tmp_path, {"content/audiences.yaml": None, **files})


UNKNOWN = [
    ("content/packs/p.yaml", PACK + "venu: Hall\n", 10, "error", "venue", " [PG025]"),
    ("templates/theme.yaml", THEME + "font: {body: Arial}\n", 2, "error", "fonts", " [PG025]"),
    ("content/audiences.yaml", "- id: staff\n  nmae: Staff\n", 2, "error", "name", " [PG025]"),
    ("content/model.yaml", "spaces:\n  - id: a\n    name: A\n    colur: accent\n", 4, "error",
     "colour", " [PG025]"),
    ("content/glossary.yaml", "- term: x\n  explanation: y\n  form: [z]\n", 3, "error",
     "forms", " [PG025]"),
    ("content/images/CREDITS.yaml", "- file: pic.png\n  licence: CC0\n  autor: Me\n", 3,
     "error", "author", " [PG025]"),
    ("content/packs/p.yaml", PACK + "cover: {src: ../images/pic.png, alt: A, atl: B}\n", 10,
     "error", "alt", " [PG025]"),
    ("content/modules/welcome.md", MODULE.replace("duration: 10", "duration: 10\nduraton: 5"),
     4, "warning", "duration", " [PG115]"),
]


@pytest.mark.parametrize("name,text,line,severity,close,code", UNKNOWN,
                         ids=[f"{case[0]}:{case[4]}" for case in UNKNOWN])
def test_a_misspelt_key_anywhere_gets_the_same_message_with_a_suggestion(
        tmp_path: Path, name: str, text: str, line: int, severity: str, close: str,
        code: str) -> None:
    found = [f for f in findings(make(tmp_path, {name: text})) if "unknown key" in f]
    assert len(found) == 1, found
    ignored = " is ignored" if severity == "warning" else ""
    assert found[0].startswith(f"{name}:{line}: {severity}: unknown key '")
    assert f"'{ignored}; did you mean '{close}'? (expected one of: " in found[0]
    assert found[0].endswith(f"){code}")


def test_the_known_keys_are_listed_in_alphabetical_order_everywhere(tmp_path: Path) -> None:
    module = MODULE.replace("duration: 10", "duration: 10\nlanguage: cy")
    assert findings(make(tmp_path / "a", {"content/modules/welcome.md": module})) == [
        ("content/modules/welcome.md:4: warning: unknown key 'language' is ignored (expected one "
         "of: audiences, duration, id, implicit_figures, key_messages, materials, objectives, "
         "title) [PG115]")]
    assert findings(make(tmp_path / "b", {"templates/theme.yaml": THEME + "logos: x\n"})) == [
        ("templates/theme.yaml:2: error: unknown key 'logos'; did you mean 'logo'? (expected "
         "one of: colours, fonts, layouts, logo) [PG025]")]


PICTURES = [
    ("content/packs/p.yaml", PACK + "cover: {}\n", 10),
    ("templates/theme.yaml", THEME + "logo: {}\n", 2),
    ("content/model.yaml", "spaces:\n  - id: a\n    name: A\n    picture: {}\n", 4),
    ("content/glossary.yaml", "- term: x\n  explanation: y\n  picture: {}\n", 3),
]


@pytest.mark.parametrize("name,text,line", PICTURES, ids=[p[0] for p in PICTURES])
def test_every_picture_in_yaml_needs_src_and_alt_alike(tmp_path: Path, name: str, text: str,
                                                       line: int) -> None:
    assert findings(make(tmp_path, {name: text})) == [
        f"{name}:{line}: error: missing required key 'src' [PG011]",
        f"{name}:{line}: error: missing required key 'alt' [PG011]"]


@pytest.mark.parametrize("name,text,line", PICTURES, ids=[p[0] for p in PICTURES])
def test_a_blank_picture_src_is_the_same_error_everywhere(tmp_path: Path, name: str, text: str,
                                                          line: int) -> None:
    found = findings(make(tmp_path, {name: text.replace("{}", "{src: '', alt: A}")}))
    assert len(found) == 1 and found[0].startswith(f"{name}:{line}: error: '")
    assert found[0].endswith(".src' must be text; found nothing [PG011]")


def test_blank_alt_text_loads_in_a_pack_as_in_the_theme(tmp_path: Path) -> None:
    root = make(tmp_path, {"content/packs/p.yaml": PACK + "cover: {src: ../images/pic.png, "
                                                          "alt: ''}\n",
                           "templates/theme.yaml": THEME + "logo: {src: images/pic.png, "
                                                          "alt: ''}\n"})
    project, found = load_project(root)
    assert found == []
    assert project.packs["p"].cover.alt == project.theme.logo.alt == ""


def test_a_value_of_the_wrong_kind_reads_alike_in_a_pack_and_a_data_file(tmp_path: Path) -> None:
    root = make(tmp_path, {"content/packs/p.yaml": PACK + "contact: Sam\nbreaks: soon\n",
                           "content/model.yaml": "spaces: {id: a}\n",
                           "templates/theme.yaml": THEME + "fonts: Arial\n"})
    assert findings(root) == [
        ("templates/theme.yaml:2: error: 'fonts' must be a mapping of names to values; "
         "found text [PG011]"),
        "content/model.yaml:1: error: 'spaces' must be a list; found a mapping [PG011]",
        "content/packs/p.yaml:11: error: 'breaks' must be a list; found text [PG011]",
        ("content/packs/p.yaml:10: error: 'contact' must be a mapping with keys name, phone, "
         "email, address, website; found text [PG011]"),
    ]


def test_front_matter_values_are_checked_as_pack_values(tmp_path: Path) -> None:
    module = MODULE.replace("title: Welcome", "title: yes\nobjectives: [Listen, no]")
    pack = PACK.replace("venue: Room", "venue: yes").replace("[A]", "[A, no]")
    assert findings(make(tmp_path / "a", {"content/modules/welcome.md": module})) == [
        "content/modules/welcome.md:2: error: 'title' must be text; found true/false [PG011]",
        ("content/modules/welcome.md:3: error: 'objectives[1]' must be text; found "
         "true/false [PG011]")]
    assert findings(make(tmp_path / "b", {"content/packs/p.yaml": pack})) == [
        "content/packs/p.yaml:7: error: 'venue' must be text; found true/false [PG011]",
        "content/packs/p.yaml:8: error: 'facilitators[1]' must be text; found true/false [PG011]"]


def test_a_count_that_is_not_a_whole_number_reads_alike_everywhere(tmp_path: Path) -> None:
    module = MODULE.replace("duration: 10", "duration: ten")
    pack = PACK.replace("slot: 15", "slot: fifteen")
    assert findings(make(tmp_path, {"content/modules/welcome.md": module,
                                    "content/packs/p.yaml": pack})) == [
        ("content/modules/welcome.md:3: error: 'duration' must be a whole number of minutes "
         "above 0; found 'ten' [PG011]"),
        ("content/packs/p.yaml:6: error: 'slot' must be a whole number above 0; found "
         "'fifteen' [PG011]")]


def test_a_misspelt_key_in_packgen_toml_gets_a_suggestion_too(tmp_path: Path) -> None:
    root = make(tmp_path, {"packgen.toml": "[silense]\nPG101 = ['x']\n\n[easy-read]\nalow = []\n"})
    assert findings(root) == [
        ("packgen.toml:1: error: unknown table [silense]; did you mean [silence]? (expected "
         "one of: easy-read, markdown, rules, silence) [PG025]"),
        ("packgen.toml:5: error: unknown key 'alow' in [easy-read]; did you mean 'allow'? "
         "(expected one of: allow) [PG025]"),
    ]
