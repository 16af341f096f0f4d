"""Tests for a pack's languages: tags, bilingual packs, per-language values, Welsh checks."""

from __future__ import annotations

import pytest
from where import FIXTURES

from packgen.errors import PackgenError
from packgen.load.packs import validate_pack
from packgen.load.yamldoc import parse_yaml

FIXTURE = FIXTURES / "welsh"
WHERE = "content/packs/p.yaml"
PACK = """\
title: {cy: Codi llais, en: Speaking up}
audience: self-advocates
organisation: Barod CIC
date: 2026-03-03
start: "10:30"
slot: 45
venue: {cy: Neuadd y Pentref, en: Village Hall}
facilitators: [Nia Evans]
modules: [welcome, voice]
"""


def check(text: str):
    return validate_pack(parse_yaml(text, WHERE), "p", FIXTURE, ("welcome", "voice"),
                         ("self-advocates",))


def problems(text: str) -> list[str]:
    with pytest.raises(PackgenError) as caught:
        check(text)
    return [str(d) for d in caught.value.diagnostics]


@pytest.mark.parametrize(("written", "tag"), [("cy", "cy-GB"), ("en", "en-GB"),
                                              ("cy-GB", "cy-GB"), ("en-GB", "en-GB"),
                                              ("CY", "cy-GB"), ("en-US", "en-US")])
def test_a_language_is_written_short_and_carried_as_its_tag(written: str, tag: str) -> None:
    plain = PACK.replace("{cy: Codi llais, en: Speaking up}", "Codi llais").replace(
        "{cy: Neuadd y Pentref, en: Village Hall}", "Neuadd y Pentref")
    pack = check(plain + f"language: {written}\n")
    assert pack.language == tag and pack.languages == () and pack.needs == (tag,)


def test_a_bilingual_pack_is_welsh_first_with_each_languages_values() -> None:
    pack = check(PACK + "languages: [en, cy]\nchecked_by_cy: Grŵp gwirio\n")
    assert pack.languages == ("cy-GB", "en-GB") and pack.language == "cy-GB"
    assert (pack.title, pack.venue, pack.organisation) == (
        "Codi llais", "Neuadd y Pentref", "Barod CIC")
    assert dict(pack.localised["en-GB"]) == {"title": "Speaking up", "venue": "Village Hall"}
    assert pack.checked_by_cy == "Grŵp gwirio"


def test_break_titles_and_contact_lines_may_differ_by_language() -> None:
    pack = check(PACK + "languages: [cy, en]\nbreaks: [{after: welcome, minutes: 10, title: "
                 "{cy: Egwyl, en: Break}}]\ncontact: {name: Barod, address: {cy: 1 Stryd "
                 "Fawr, en: 1 High Street}}\n")
    assert pack.breaks[0].title == "Egwyl" and pack.contact["address"] == "1 Stryd Fawr"
    english = pack.localised["en-GB"]
    assert english["breaks"][0].title == "Break"
    assert english["contact"]["address"] == "1 High Street"


def test_language_and_languages_together_is_an_error() -> None:
    assert problems(PACK + "languages: [cy, en]\nlanguage: cy\n") == [
        (f"{WHERE}:11: error: 'language' and 'languages' cannot both be set: a pack in one "
        "language writes language: cy, a bilingual pack languages: [cy, en] [PG037]")]


def test_an_unknown_language_is_an_error_with_did_you_mean() -> None:
    found = problems(PACK + "languages: [cy, eng]\n")
    assert found[-1] == (
        f"{WHERE}:10: error: 'languages' names 'eng', a language packgen cannot write; did "
        "you mean 'en'? (packgen writes Welsh, cy, and English, en) [PG036]")
    assert problems(PACK.replace("{cy: Codi llais, en: Speaking up}", "T").replace(
        "{cy: Neuadd y Pentref, en: Village Hall}", "V") + "language: fr\n") == [
        (f"{WHERE}:10: error: 'language' names 'fr', a language packgen cannot write "
        "(packgen writes Welsh, cy, and English, en) [PG036]")]


def test_a_per_language_value_lacking_a_language_is_found_at_its_line() -> None:
    text = PACK.replace("{cy: Neuadd y Pentref, en: Village Hall}", "{cy: Neuadd}")
    assert problems(text + "languages: [cy, en]\n") == [
        (f"{WHERE}:7: error: 'venue' gives no en value: a bilingual pack gives each language "
        "(cy, en), or one value for all [PG038]")]


def test_per_language_values_in_a_one_language_pack_are_an_error() -> None:
    found = problems(PACK + "language: cy\n")
    assert found == [
        f"{WHERE}:{line}: error: '{key}' gives a value per language, but the pack is in one "
        "language: write one value, or make the pack bilingual with languages: [cy, en] "
        "[PG038]" for line, key in ((1, "title"), (7, "venue"))]


def test_a_list_of_one_language_says_to_write_language() -> None:
    assert problems(PACK.replace("{cy: Codi llais, en: Speaking up}", "T").replace(
        "{cy: Neuadd y Pentref, en: Village Hall}", "V") + "languages: [cy]\n") == [
        (f"{WHERE}:10: error: 'languages' lists one language: write language: cy for a pack "
        "in one language, or list both, languages: [cy, en] [PG036]")]
