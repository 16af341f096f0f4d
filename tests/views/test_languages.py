"""What each document says of its other language versions and of an unchecked Welsh text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from where import FIXTURES, copy_project

from packgen.api import tailored
from packgen.load.project import load_project
from packgen.tailor.pack import tailor_versions
from packgen.views import guide, handout, languages

UNCHECKED = "Nid yw siaradwr Cymraeg wedi gwirio'r Gymraeg hon eto."


@pytest.fixture
def unchecked_project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path / "p", FIXTURES / "welsh")
    pack = root / "content" / "packs" / "siarad.yaml"
    text = pack.read_text(encoding="utf-8")
    pack.write_text("\n".join(line for line in text.splitlines()
                              if not line.startswith("checked_by_cy")) + "\n", encoding="utf-8")
    return root


def test_a_welsh_pack_nobody_checked_says_so_on_the_guide_and_the_handout_end_page(
        unchecked_project: Path) -> None:
    tp, _ = tailored(unchecked_project, "siarad")
    assert [s.text for s in guide.also_in(tp)] == [UNCHECKED]
    ending = handout.ending_sections(tp, [])
    checked = next(s for s in ending if s.id == "checked")
    assert UNCHECKED in ["".join(p.text for p in line) for r in checked.rows for line in r.lines]


def test_a_checked_welsh_pack_and_an_english_one_say_nothing_of_a_check() -> None:
    welsh, _ = tailored(FIXTURES / "welsh", "siarad")
    assert welsh.pack.checked_by_cy and languages.unchecked(welsh) == ()
    project, _ = load_project(FIXTURES / "welsh")
    versions, _ = tailor_versions(project, "speaking-up", dt.datetime(2026, 3, 1))
    assert [tp.language for tp in versions] == ["cy-GB", "en-GB"]
    assert not versions[0].pack.checked_by_cy and languages.unchecked(versions[0])
    assert languages.unchecked(versions[1]) == ()


def test_each_version_of_a_bilingual_pack_names_the_other() -> None:
    tp, _ = tailored(FIXTURES / "welsh", "speaking-up")
    assert languages.other_versions(tp) == tp.also_in
    said = [(s.lang, s.text) for s in languages.also_in(tp.language, tp.also_in)]
    assert len(said) == 2 and {lang for lang, _ in said} == {"cy-GB", "en-GB"}
