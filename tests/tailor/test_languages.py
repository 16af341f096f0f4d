"""Tests for tailoring per language: a Welsh pack reads the Welsh text, a bilingual pack is
tailored once per language, Welsh first, and both versions have the same layout (W1)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from where import FIXTURES

from packgen.load.project import load
from packgen.model import Project, plain
from packgen.rules.languages import compare_versions, layout, same_layout
from packgen.tailor.pack import tailor, tailor_versions

BUILT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def project() -> Project:
    return load(FIXTURES / "welsh").project


def titles(tp) -> list[str]:
    return [s.title for s in tp.slides]


def test_a_welsh_pack_is_tailored_from_the_welsh_text(project: Project) -> None:
    tp, _found = tailor(project, "siarad", BUILT)
    assert tp.language == "cy-GB" and tp.also_in == () and tp.file_language == ""
    assert [m.title for m in tp.modules] == ["Croeso", "Codi llais"]
    assert plain(tp.modules[0].slides[0].title) == "Croeso"
    assert [e.term for e in tp.project.glossary] == ["eiriolwr", "hawliau"]
    assert [s.name for s in tp.project.spaces] == ["Fy lle i", "Eich lle chi"]
    assert tp.timetable.entries[1].title == "Egwyl"
    assert tp.modules[0].duration == project.modules["welcome"].duration


def test_a_bilingual_pack_gives_one_version_per_language_welsh_first(
        project: Project) -> None:
    (welsh, english), _found = tailor_versions(project, "speaking-up", BUILT)
    assert (welsh.language, english.language) == ("cy-GB", "en-GB")
    assert (welsh.also_in, english.also_in) == (("en-GB",), ("cy-GB",))
    assert (welsh.file_language, english.file_language) == ("cy", "en")
    assert (welsh.pack.title, english.pack.title) == (
        "Codi llais gyda'n gilydd", "Speaking up together")
    assert (welsh.pack.venue, english.pack.venue) == ("Neuadd y Pentref", "Village Hall")
    assert [m.title for m in english.modules] == ["Welcome", "Speaking up"]
    assert [e.term for e in english.project.glossary] == ["advocate", "rights"]
    assert [e.title for e in english.timetable.entries] == ["Welcome", "Break", "Speaking up"]
    assert welsh.timetable.entries[1].title == "Egwyl"
    assert [e.start for e in welsh.timetable.entries] == \
        [e.start for e in english.timetable.entries]


def test_the_welsh_and_english_decks_have_the_same_layout(project: Project) -> None:
    welsh, english = tailor_versions(project, "speaking-up", BUILT)[0]
    assert layout(welsh) == layout(english) and layout(welsh).pictures
    assert len(titles(welsh)) == len(titles(english))
    assert compare_versions([welsh, english]) == []


def test_a_missing_welsh_slide_or_picture_breaks_the_same_layout(project: Project) -> None:
    welsh, english = tailor_versions(project, "speaking-up", BUILT)[0]
    shorter = dataclasses.replace(welsh, slides=welsh.slides[:-2])
    assert same_layout(layout(english), layout(shorter))[0].endswith("slides against "
                                                                      f"{len(shorter.slides)}")
    found = compare_versions([shorter, english])
    assert [d.code for d in found] == ["PG138"]
    assert str(found[0]).startswith("content/packs/speaking-up.yaml:10: warning: the cy-GB "
                                    "and en-GB decks of pack 'speaking-up' do not match")


def test_an_english_only_pack_is_tailored_as_before(project: Project) -> None:
    english = dataclasses.replace(project.packs["siarad"], language="en-GB", languages=())
    plain_project = dataclasses.replace(project, packs={"siarad": english}, translations={})
    tp, _ = tailor(plain_project, "siarad", BUILT)
    assert tp.project is plain_project and tp.also_in == ()
    assert [m.title for m in tp.modules] == ["Welcome", "Speaking up"]
