"""Tests for the Welsh text of a project: NAME.cy.md, glossary.cy.yaml, model.cy.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from where import FIXTURES, copy_project

from packgen.errors import PackgenError
from packgen.load.modules import load_modules
from packgen.load.project import load

WELSH = FIXTURES / "welsh"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "p", WELSH)


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def shown(root: Path) -> list[str]:
    return [str(d) for d in load(root).diagnostics]


def test_a_welsh_text_is_never_a_module_of_its_own() -> None:
    modules, _found, broken = load_modules(WELSH)
    assert sorted(modules) == ["voice", "welcome"] and not broken


def test_the_welsh_text_takes_timings_and_ids_from_the_english_module() -> None:
    loaded = load(WELSH)
    assert loaded.diagnostics == () and not loaded.pack_errors
    welsh = loaded.project.translations["cy-GB"]
    croeso = welsh.modules["welcome"]
    english = loaded.project.modules["welcome"]
    assert croeso.title == "Croeso" and croeso.duration == english.duration == 10
    assert croeso.audiences == english.audiences and croeso.id == "welcome"
    assert croeso.objectives == ("Gwybod beth yw pwrpas y sesiwn",)
    assert croeso.loc.path == "content/modules/welcome.cy.md"
    assert welsh.translated_by == {"voice": "Nia Evans", "welcome": "Nia Evans"}


def test_a_slide_without_welsh_is_found_in_the_english_file_with_where_it_belongs(
        project: Path) -> None:
    edit(project, "content/modules/voice.md", "::: easy-read",
         "## What next\n\nWe meet again in May.\n\n::: easy-read")
    assert [d for d in shown(project) if "PG133" in d] == [
        ("content/modules/voice.md:21: warning: slide 3 (What next) has no Welsh text: add it "
        "after the last Welsh slide, at content/modules/voice.cy.md:16 [PG133]")]


def test_notes_rows_and_extra_welsh_slides_are_each_found(project: Path) -> None:
    edit(project, "content/modules/voice.cy.md", "::: notes\nGofynnwch pwy sydd wedi "
         "gweithio gydag eiriolwr.\n:::\n", "")
    edit(project, "content/modules/voice.cy.md", "\n![Person yn pwyntio at ei hun]"
         "(../images/my-space.png)\nGallwch chi ddweud beth rydych chi eisiau.\n", "")
    edit(project, "content/modules/welcome.cy.md", "::: easy-read", "## Ychwanegol\n\n"
         "::: easy-read")
    assert [d for d in shown(project) if "PG133" in d] == [
        ("content/modules/welcome.cy.md:23: warning: slide 3 (Ychwanegol) has no English "
        "counterpart in content/modules/welcome.md: the Welsh text mirrors the English block "
        "for block [PG133]"),
        ("content/modules/voice.md:14: warning: the notes of 'An advocate can help' has no "
        "Welsh text: add it to the Welsh slide at content/modules/voice.cy.md:6 [PG133]"),
        ("content/modules/voice.md:25: warning: easy-read row 2 has no Welsh text: add it "
        "after the last Welsh row, at content/modules/voice.cy.md:18 [PG133]")]


def test_a_different_picture_in_an_easy_read_row_is_found(project: Path) -> None:
    edit(project, "content/modules/voice.cy.md", "(../images/my-space.png)",
         "(../images/welcome.png)")
    assert [d for d in shown(project) if "PG133" in d] == [
        ("content/modules/voice.cy.md:24: warning: easy-read row 2 shows "
        "content/images/welcome.png here but content/images/my-space.png in voice.md: both "
        "languages show the same picture (W1) [PG133]")]


def test_block_findings_are_given_only_when_a_pack_needs_welsh(project: Path) -> None:
    edit(project, "content/modules/voice.cy.md", "::: notes\nGofynnwch pwy sydd wedi "
         "gweithio gydag eiriolwr.\n:::\n", "")
    for pack in ("siarad", "speaking-up"):
        (project / f"content/packs/{pack}.yaml").unlink()
    (project / "content/packs/english.yaml").write_text(
        "title: T\naudience: self-advocates\norganisation: O\ndate: 2026-03-03\nstart: "
        "\"10:00\"\nslot: 60\nvenue: V\nfacilitators: [A]\nmodules: [voice]\n", "utf-8")
    assert shown(project) == []


def test_a_module_with_no_welsh_text_is_an_error_at_the_packs_module_line(
        project: Path) -> None:
    (project / "content/modules/voice.cy.md").unlink()
    loaded = load(project)
    assert sorted(loaded.project.packs) == []
    assert [str(d) for d in loaded.pack_errors["siarad"]] == [
        ("content/packs/siarad.yaml:9: error: module 'voice' has no Welsh text, and this pack "
        "is built in Welsh: add content/modules/voice.cy.md beside its English file [PG039]")]


def test_keys_that_come_from_english_are_ignored_and_a_missing_translator_noted(
        project: Path) -> None:
    edit(project, "content/modules/voice.cy.md", "translated_by: Nia Evans", "duration: 25")
    assert shown(project) == [
        ("content/modules/voice.cy.md:3: warning: 'duration' is ignored here: it comes from "
        "the English module (a translation's front matter holds title, translated_by, "
        "summary, objectives, key_messages, materials) [PG041]"),
        ("content/modules/voice.cy.md:1: info: voice.cy.md does not say who translated it: "
        "add translated_by: NAME to its front matter [PG139]")]


def test_a_welsh_text_without_its_english_module_is_ignored_with_a_warning(
        project: Path) -> None:
    (project / "content/modules/croeso.cy.md").write_text("---\ntitle: Croeso\n---\n\n## A\n",
                                                          "utf-8")
    assert shown(project) == [
        ("content/modules/croeso.cy.md:1: warning: ignored: croeso.cy.md is the Welsh text of "
        "a module, but there is no croeso.md beside it [PG040]")]


def test_welsh_glossary_entries_take_the_english_picture() -> None:
    welsh = load(WELSH).project.translations["cy-GB"]
    advocate = next(e for e in welsh.glossary if e.term == "eiriolwr")
    assert advocate.image is not None and advocate.image.src == "content/images/meeting.png"
    assert advocate.forms == ("eiriolwyr",) and welsh.terms["advocate"] == "eiriolwr"


def test_a_welsh_glossary_entry_for_an_unknown_term_is_an_error(project: Path) -> None:
    edit(project, "content/glossary.cy.yaml", "en: rights", "en: right")
    with pytest.raises(PackgenError) as caught:
        load(project)
    assert [str(d) for d in caught.value.diagnostics] == [
        ("content/glossary.cy.yaml:5: error: 'en: right' names no entry of "
        "content/glossary.yaml; did you mean 'rights'? [PG042]")]


def test_a_word_a_welsh_pack_uses_without_a_welsh_entry_is_found(project: Path) -> None:
    edit(project, "content/glossary.cy.yaml", "- en: advocate\n  term: eiriolwr\n  "
         "explanation: Rhywun sy'n eich helpu i godi llais.\n  forms: [eiriolwyr]\n", "")
    assert shown(project) == [
        ("content/glossary.yaml:1: warning: 'advocate' has no Welsh entry in "
        "content/glossary.cy.yaml, and a pack built in Welsh uses it: add en: advocate with "
        "its term and explanation [PG134]")]


def test_welsh_space_names_keep_the_english_colours_and_pictures() -> None:
    project = load(WELSH).project
    english, welsh = project.spaces[0], project.translations["cy-GB"].spaces[0]
    assert (welsh.name, welsh.colour) == ("Fy lle i", english.colour)
    assert welsh.picture.src == english.picture.src
    assert welsh.picture.alt == "Person yn pwyntio at ei hun"


def test_unknown_and_missing_welsh_spaces_are_found(project: Path) -> None:
    edit(project, "content/model.cy.yaml", "id: your_space", "id: your_spce")
    with pytest.raises(PackgenError) as caught:
        load(project)
    assert [str(d) for d in caught.value.diagnostics] == [
        ("content/model.cy.yaml:7: error: space 'your_spce' is not in content/model.yaml; did "
        "you mean 'your_space'? (spaces: my_space, your_space) [PG043]")]
    text = (project / "content/model.cy.yaml").read_text(encoding="utf-8")
    (project / "content/model.cy.yaml").write_text(text.split("  - id: your_spce")[0], "utf-8")
    assert shown(project) == [
        ("content/model.yaml: warning: space 'your_space' has no Welsh name: add it to "
        "content/model.cy.yaml [PG135]")]


def test_the_welsh_names_the_english_materials_in_order_keeping_how_many(
        project: Path) -> None:
    edit(project, "content/modules/welcome.md", "objectives:",
         "materials:\n  - Name badges (1 per participant)\n  - Marker pens (2)\nobjectives:")
    edit(project, "content/modules/welcome.cy.md", "objectives:",
         "materials:\n  - Bathodynnau enw\n  - Pennau marcio\nobjectives:")
    loaded = load(project)
    croeso = loaded.project.translations["cy-GB"].modules["welcome"]
    english = loaded.project.modules["welcome"]
    assert [(m.name, m.count, m.per) for m in croeso.materials] == [
        ("Bathodynnau enw", 1, "participant"), ("Pennau marcio", 2, "session")]
    assert [(m.count, m.per) for m in english.materials] == [(1, "participant"), (2, "session")]


def test_welsh_materials_of_another_number_keep_the_english_with_a_warning(
        project: Path) -> None:
    edit(project, "content/modules/welcome.md", "objectives:",
         "materials:\n  - Name badges (1 per participant)\n  - Marker pens (2)\nobjectives:")
    edit(project, "content/modules/welcome.cy.md", "objectives:",
         "materials:\n  - Bathodynnau enw\nobjectives:")
    assert [d for d in shown(project) if "materials" in d] == [
        "content/modules/welcome.cy.md:4: warning: materials lists 1 things, the English "
        "module 2: give the Welsh name of each, in the English order (how many comes from the "
        "English module) [PG133]"]
    croeso = load(project).project.translations["cy-GB"].modules["welcome"]
    assert [m.name for m in croeso.materials] == ["Name badges", "Marker pens"]
