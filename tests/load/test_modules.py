"""Tests for loading module files: front matter, encodings, limits and every error case."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_dump import make_project

from packgen.errors import PackgenError, Severity
from packgen.load.modules import load_module, load_modules
from packgen.load.packs import load_pack
from packgen.model import Material
from packgen.paths import MAX_DATA_BYTES as MAX_BYTES

GOOD = """---
title: Power and control
duration: 15
---

## What is power?

Text.
"""


@pytest.fixture()
def modules(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path, root: Path) -> list[str]:
    with pytest.raises(PackgenError) as caught:
        load_module(path, root)
    return [str(d) for d in caught.value.diagnostics]


def one_error(path: Path, root: Path) -> str:
    found = errors_of(path, root)
    assert len(found) == 1, found
    return found[0]


# --- modules that load -------------------------------------------------------------------


def test_module_takes_its_id_from_the_file_name(modules: Path) -> None:
    module, found = load_module(write(modules, "power.md", GOOD), modules.parent.parent)
    assert (module.id, module.title, module.duration) == ("power", "Power and control", 15)
    assert module.loc.path == "content/modules/power.md"
    assert found == []


def test_front_matter_id_wins_over_the_file_name(modules: Path) -> None:
    text = GOOD.replace("duration: 15", "duration: 15\nid: power-2")
    module, _ = load_module(write(modules, "power.md", text), modules.parent.parent)
    assert module.id == "power-2"


def test_optional_front_matter_keys_are_read(modules: Path) -> None:
    text = GOOD.replace("duration: 15", """duration: 15
audiences: [staff, mixed]
objectives:
  - Say who holds power
key_messages:
  - Power comes from money
materials:
  - Name badges (1 per participant)
  - Flipchart (1)
  - Flipchart paper (2 sheets per group)
  - Tape""")
    module, _ = load_module(write(modules, "m.md", text), modules.parent.parent)
    assert module.audiences == ("staff", "mixed")
    assert module.objectives == ("Say who holds power",)
    assert module.key_messages == ("Power comes from money",)
    assert [(m.name, m.count, m.per) for m in module.materials] == [
        ("Name badges", 1, "participant"), ("Flipchart", 1, "session"),
        ("Flipchart paper (sheets)", 2, "group"), ("Tape", 1, "session")]
    assert module.materials[0].loc is not None and module.materials[0].loc.line == 10


def test_slide_lines_count_the_front_matter(modules: Path) -> None:
    module, _ = load_module(write(modules, "m.md", GOOD), modules.parent.parent)
    assert module.slides[0].loc.line == 6
    assert module.slides[0].blocks[0].loc.line == 8


def test_bom_and_windows_line_endings_are_accepted(modules: Path) -> None:
    data = b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8")
    module, _ = load_module(write(modules, "m.md", data), modules.parent.parent)
    assert module.title == "Power and control"
    assert module.slides[0].loc.line == 6


def test_control_characters_are_dropped_with_a_warning_naming_the_line(modules: Path) -> None:
    module, found = load_module(write(modules, "m.md", GOOD.replace("Text.", "Te\x0bxt\x00.")),
                                modules.parent.parent)
    assert module.slides[0].blocks[0].text[0].text == "Text."
    assert [str(d) for d in found] == [
        ("content/modules/m.md:8: warning: control character dropped (it cannot be shown or "
         "saved in documents) [PG116]")]


def test_unknown_front_matter_keys_are_warnings(modules: Path) -> None:
    text = GOOD.replace("duration: 15", "duration: 15\nauthr: Aled\ntitel: x")
    _, found = load_module(write(modules, "m.md", text), modules.parent.parent)
    assert [(d.severity, d.line, d.code) for d in found] == [
        (Severity.WARNING, 4, "PG115"), (Severity.WARNING, 5, "PG115")]
    assert "'authr'" in found[0].message
    assert "did you mean 'title'?" in found[1].message


REAL_DECK = """\
author:
  - name: Aled Jones
    affiliation: Council
date: today
subtitle: A first look
format:
  revealjs:
    theme: simple
    incremental: true
output: ioslides_presentation
lang: en-GB
institute: Council
bibliography: refs.bib
editor: visual
jupyter: python3
"""


def test_the_front_matter_keys_of_real_decks_are_ignored_without_a_word(modules: Path) -> None:
    text = GOOD.replace("duration: 15\n", "duration: 15\n" + REAL_DECK)
    module, found = load_module(write(modules, "m.md", text), modules.parent.parent)
    assert found == []
    assert module.duration == 15


def test_pandoc_front_matter_may_end_with_dots(modules: Path) -> None:
    module, _ = load_module(write(modules, "m.md", GOOD.replace("15\n---", "15\n...")),
                            modules.parent.parent)
    assert module.duration == 15


@pytest.mark.parametrize("before", [
    "<!--\nSPDX-License-Identifier: CC-BY-4.0\n-->\n",
    "```{r, include=FALSE}\nlibrary(x)\n```\n",
    "\n\n",
])
def test_front_matter_after_a_comment_or_a_code_chunk_is_read_as_pandoc_reads_it(
        modules: Path, before: str) -> None:
    text = before + GOOD + "\n![](../images/pic.png)\n"
    module, found = load_module(write(modules, "m.qmd", text), modules.parent.parent)
    shift = before.count("\n")
    assert (module.title, module.duration) == ("Power and control", 15)
    assert module.slides[-1].loc.line == 6 + shift
    assert [(d.code, d.line) for d in found if d.code == "PG105"] == [("PG105", 10 + shift)]


def test_a_later_dash_block_without_keys_is_no_front_matter(modules: Path) -> None:
    text = "Intro text.\n\n---\n\nMore text.\n\n---\n"
    assert "module has no front matter" in one_error(write(modules, "m.md", text),
                                                     modules.parent.parent)


def test_a_yaml_block_after_a_heading_is_no_front_matter(modules: Path) -> None:
    text = "## Slide\n\n" + GOOD
    assert "module has no front matter" in one_error(write(modules, "m.md", text),
                                                     modules.parent.parent)


def test_missing_alt_text_is_a_warning_and_the_module_still_loads(modules: Path) -> None:
    text = GOOD + "\n![](../images/pic.png)\n"
    _, found = load_module(write(modules, "m.md", text), modules.parent.parent)
    assert [d.code for d in found] == ["PG105"]
    assert found[0].line == 10


def test_easy_read_rows_land_on_the_module(modules: Path) -> None:
    text = GOOD + "\n::: easy-read\n![A hand](../images/pic.png)\nYou choose.\n:::\n"
    module, _ = load_module(write(modules, "m.md", text), modules.parent.parent)
    assert module.has_easy_read and len(module.easy_read) == 1
    assert module.easy_read[0].loc.line == 11


def test_load_modules_returns_modules_by_id_in_file_order(modules: Path) -> None:
    write(modules, "b.md", GOOD)
    write(modules, "a.md", GOOD.replace("Text.", "![](../images/pic.png)"))
    found, warnings, broken = load_modules(modules.parent.parent)
    assert list(found) == ["a", "b"] and broken == {}
    assert [d.path for d in warnings] == ["content/modules/a.md"]


def test_load_modules_without_a_modules_folder_finds_none(tmp_path: Path) -> None:
    assert load_modules(tmp_path) == ({}, [], {})


# --- errors, each one line with file and line ---------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("", "content/modules/m.md:1: error: empty module"),
    ("  \n\n", "content/modules/m.md:1: error: empty module"),
    ("## Slide\n", "content/modules/m.md:1: error: module has no front matter"),
    ("---\ntitle: A\nduration: 5\n", "content/modules/m.md:1: error: front matter is never closed"),
    ("---\ntitle: A\nduration: [5\n---\n## S\n",
     "content/modules/m.md:3: error: invalid YAML: "),
    ("---\n- a\n- b\n---\n## S\n", "content/modules/m.md:2: error: front matter must be key"),
    ("---\nduration: 5\n---\n## S\n", "content/modules/m.md:1: error: front matter needs a title"),
    ("---\ntitle: A\n---\n## S\n", "content/modules/m.md:1: error: front matter needs duration"),
    ("---\ntitle: A\nduration: ten\n---\n## S\n",
     "content/modules/m.md:3: error: 'duration' must be a whole number of minutes above 0"),
    ("---\ntitle: A\nduration: -5\n---\n## S\n",
     "content/modules/m.md:3: error: 'duration' must be a whole number of minutes above 0"),
    ("---\ntitle: A\nduration: true\n---\n## S\n",
     "content/modules/m.md:3: error: 'duration' must be a whole number of minutes above 0"),
    ("---\ntitle: [A]\nduration: 5\n---\n## S\n", "content/modules/m.md:2: error: 'title' must be text; found a list"),
    ("---\ntitle: A\nduration: 5\nid: a b\n---\n## S\n", "content/modules/m.md:4: error: 'a b' is not an id"),
    ("---\ntitle: A\nduration: 5\n---\n\n\n", "content/modules/m.md:4: error: module has no slides"),
    ("---\ntitle: A\nduration: 5\nmaterials: [Pens (2 per table)]\n---\n## S\n",
     "content/modules/m.md:4: error: cannot read material 'Pens (2 per table)'"),
    ("---\ntitle: A\nduration: 5\nobjectives: {a: 1}\n---\n## S\n",
     "content/modules/m.md:4: error: 'objectives' must be a list of text; found a mapping"),
    ("---\ntitle: A\nduration: 5\n---\n## S\n\n![A](../images/missing.png)\n",
     "content/modules/m.md:7: error: file not found: '../images/missing.png'"),
    ("---\ntitle: A\nduration: 5\n---\n## S\n\n::: notes\nx\n",
     "content/modules/m.md:7: error: fenced div '::: notes' is never closed"),
    ("---\ntitle: A\nduration: 5\n---\n" + "[" * 40 + "\n" * 2 + "- x\n" * 2,
     None),
])
def test_bad_module_is_one_error_with_file_and_line(modules: Path, text: str,
                                                     expected: str | None) -> None:
    path = write(modules, "m.md", text)
    if expected is None:
        load_module(path, modules.parent.parent)
        return
    assert one_error(path, modules.parent.parent).startswith(expected)


def test_non_utf8_file_names_the_line_of_the_first_bad_byte(modules: Path) -> None:
    data = GOOD.replace("Text.", "Caf\xe9").encode("latin-1")
    assert one_error(write(modules, "m.md", data), modules.parent.parent) == (
        "content/modules/m.md:8: error: not UTF-8 text (byte 0xe9): save the file as UTF-8 "
        "[PG003]")


def test_activities_longer_than_the_module_are_an_error_at_duration(modules: Path) -> None:
    text = GOOD + (
        '\n::: {.activity title="Long" minutes=10}\nA.\n:::\n'
        '\n::: {.activity title="Longer" minutes=10}\nB.\n:::\n')
    assert one_error(write(modules, "m.md", text), modules.parent.parent) == (
        "content/modules/m.md:3: error: activities take 20 minutes but the module's duration "
        "is 15: raise duration or shorten the activities [PG011]")


def pack_errors(root: Path, text: str | bytes) -> list[str]:
    """Return the diagnostic lines of a pack file holding ``text``."""
    path = root / "content" / "packs" / "p.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    write(path.parent, path.name, text)
    with pytest.raises(PackgenError) as caught:
        load_pack(root, path, None)
    return [str(d) for d in caught.value.diagnostics]


@pytest.mark.parametrize("yaml_text,message", [
    ("title: A\nduration: 5\ntitle: B\n", "duplicate key 'title' [PG003]"),
    ("title: A\nduration: 5\nid: *t\n",
     "invalid YAML: aliases (*t) are not allowed: write the value out [PG003]"),
    ("title: A\nduration: 5\nx: !!python/name:os.system\n",
     ("invalid YAML: could not determine a constructor for the tag "
      "'tag:yaml.org,2002:python/name:os.system' [PG003]")),
])
def test_front_matter_refuses_what_pack_files_refuse_with_the_same_message(
        modules: Path, yaml_text: str, message: str) -> None:
    root = modules.parent.parent
    module = write(modules, "m.md", f"---\n{yaml_text}---\n\n## S\n")
    assert one_error(module, root) == f"content/modules/m.md:4: error: {message}"
    assert pack_errors(root, yaml_text) == [f"content/packs/p.yaml:3: error: {message}"]


def test_module_and_pack_files_share_one_size_limit(modules: Path) -> None:
    root = modules.parent.parent
    text = GOOD + "x" * MAX_BYTES
    size = len(text.encode())
    limit = f"({size:,} bytes) is larger than packgen's limit of 1 MB [PG024]"
    assert one_error(write(modules, "m.md", text), root) == (
        f"content/modules/m.md: error: 'm.md' {limit}")
    assert pack_errors(root, text) == [f"content/packs/p.yaml: error: 'p.yaml' {limit}"]


def test_front_matter_yaml_error_names_its_line_in_the_module_file(modules: Path) -> None:
    text = "---\ntitle: A\nduration: 5\nvenue: Room: 2\n---\n## S\n"
    assert one_error(write(modules, "m.md", text), modules.parent.parent).startswith(
        "content/modules/m.md:4: error: invalid YAML: mapping values are not allowed here")


def test_deeply_nested_front_matter_is_an_error_not_a_crash(modules: Path) -> None:
    text = "---\ntitle: A\nduration: 5\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n## S\n"
    found = errors_of(write(modules, "m.md", text), modules.parent.parent)
    assert len(found) == 1 and "content/modules/m.md" in found[0]


def test_deeply_nested_lists_are_an_error_not_a_crash(modules: Path) -> None:
    text = GOOD + "".join("  " * i + "- item\n" for i in range(60))
    assert "nested deeper than 20" in one_error(write(modules, "m.md", text),
                                                modules.parent.parent)


def test_every_error_in_a_file_is_reported_together(modules: Path) -> None:
    text = "---\ntitle: A\n---\n## S\n\n![A](../images/missing.png)\n"
    found = errors_of(write(modules, "m.md", text), modules.parent.parent)
    assert len(found) == 2


def test_load_modules_keeps_each_broken_files_errors_apart_by_module_id(modules: Path) -> None:
    write(modules, "a.md", "")
    write(modules, "b.md", "---\ntitle: B\nid: bee\n---\n## S\n")
    write(modules, "c.md", GOOD)
    found, _warnings, broken = load_modules(modules.parent.parent)
    assert list(found) == ["c"]
    assert {m: [d.path for d in ds] for m, ds in broken.items()} == {
        "a": ["content/modules/a.md"], "bee": ["content/modules/b.md"]}


def test_duplicate_module_ids_name_both_files(modules: Path) -> None:
    write(modules, "power.md", GOOD)
    write(modules, "power-copy.md", GOOD.replace("duration: 15", "duration: 15\nid: power"))
    found, _warnings, broken = load_modules(modules.parent.parent)
    assert "power" not in found
    assert [str(d) for d in broken["power"]] == [
        ("content/modules/power.md:1: error: module id 'power' is used by both "
         "content/modules/power-copy.md and content/modules/power.md: give one of them another "
         "id [PG124]")]


def test_material_strings_parse_counts_and_what_they_are_per() -> None:
    from packgen.markdown.activity import parse_material
    assert parse_material("Sticky notes (1 pad per participant)") == Material(
        "Sticky notes (pad)", 1, "participant")
    assert parse_material("Pens (black)") == Material("Pens (black)")
    with pytest.raises(ValueError):
        parse_material("Pens (2 per table)")
