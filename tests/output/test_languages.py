"""Tests for building Welsh and bilingual packs: file names, manifest, cache, --only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pptx import Presentation
from where import FIXTURES, copy_project

from packgen import api

NAMES = ["speaking-up-easy-read.cy.docx", "speaking-up-easy-read.cy.html",
         "speaking-up-easy-read.cy.pdf", "speaking-up-easy-read.en.docx",
         "speaking-up-easy-read.en.html", "speaking-up-easy-read.en.pdf",
         "speaking-up-guide.cy.docx", "speaking-up-guide.cy.html", "speaking-up-guide.cy.pdf",
         "speaking-up-guide.en.docx", "speaking-up-guide.en.html", "speaking-up-guide.en.pdf",
         "speaking-up-slides.cy.pptx", "speaking-up-slides.en.pptx"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, api.BuildResult]:
    root = copy_project(tmp_path_factory.mktemp("cy") / "p", FIXTURES / "welsh")
    return root, api.build(root, jobs=1)


def texts(path: Path) -> list[str]:
    return [shape.text_frame.text for slide in Presentation(str(path)).slides
            for shape in slide.shapes if shape.has_text_frame]


def test_a_bilingual_pack_writes_each_language_to_its_own_files(built) -> None:
    root, result = built
    assert not result.failed
    folder = root / "build" / "speaking-up"
    assert sorted(p.name for p in folder.iterdir() if p.name != "manifest.json") == NAMES
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["languages"] == ["cy-GB", "en-GB"]
    assert [(o["path"], o["language"]) for o in manifest["outputs"]][:2] == [
        ("speaking-up-slides.cy.pptx", "cy-GB"), ("speaking-up-slides.en.pptx", "en-GB")]


def test_the_welsh_deck_shows_the_welsh_text_and_the_english_deck_the_english(built) -> None:
    folder = built[0] / "build" / "speaking-up"
    welsh = texts(folder / "speaking-up-slides.cy.pptx")
    english = texts(folder / "speaking-up-slides.en.pptx")
    assert "Croeso" in welsh and "Welcome" not in welsh
    assert "Welcome" in english and "Croeso" not in english
    assert "Codi llais gyda’n gilydd" in welsh and "Speaking up together" in english


def test_a_welsh_pack_keeps_todays_file_names(built) -> None:
    folder = built[0] / "build" / "siarad"
    assert "siarad-slides.pptx" in {p.name for p in folder.iterdir()}
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["language"] == "cy-GB" and "languages" not in manifest
    assert "Croeso" in texts(folder / "siarad-slides.pptx")


def test_findings_say_which_rules_were_skipped_and_that_the_welsh_is_unchecked(built) -> None:
    shown = [str(d) for d in built[1].diagnostics]
    skipped = [d for d in shown if "[PG136]" in d]
    assert [d.split(":")[0] for d in skipped] == ["content/packs/siarad.yaml",
                                                  "content/packs/speaking-up.yaml"]
    assert [d for d in shown if "[PG137]" in d] == [
        ("content/packs/speaking-up.yaml:10: info: nobody is recorded as checking the Welsh of "
        "pack 'speaking-up': have a Welsh speaker check it and write checked_by_cy: their name "
        "(until then its end page says the Welsh awaits a check) [PG137]")]
    assert not [d for d in shown if "[PG204]" in d or "[PG205]" in d]


def test_a_second_build_finds_both_versions_up_to_date_and_only_rebuilds_a_kind(
        tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", FIXTURES / "welsh")
    api.build(root, ["speaking-up"], kinds=("deck",), jobs=1)
    folder = root / "build" / "speaking-up"
    assert sorted(p.name for p in folder.iterdir()) == [
        "manifest.json", "speaking-up-slides.cy.pptx", "speaking-up-slides.en.pptx"]
    again = api.build(root, ["speaking-up"], kinds=("deck",), jobs=1)
    assert [p.status for p in again.packs] == ["up to date"]
    welsh = root / "content/modules/welcome.cy.md"
    welsh.write_text(welsh.read_text(encoding="utf-8").replace("Croeso\n", "Croeso i chi\n"),
                     encoding="utf-8")
    changed = api.build(root, ["speaking-up"], kinds=("deck",), jobs=1)
    assert [p.status for p in changed.packs] == ["built"]
    assert "Croeso i chi" in texts(folder / "speaking-up-slides.cy.pptx")


def deck_layout(path: Path) -> tuple[int, list[str]]:
    """Return a built deck's slide count and its pictures in order (each by its bytes' hash),
    as W1 compares a bilingual pack's two decks."""
    import hashlib

    deck = Presentation(str(path))
    pictures = [hashlib.sha256(shape.image.blob).hexdigest() for slide in deck.slides
                for shape in slide.shapes if shape.shape_type == 13]
    return len(deck.slides), pictures


def same_deck_layout(first: Path, second: Path) -> bool:
    """Return True when two decks have slide counts within 10 % and the same pictures in the
    same order (W1)."""
    (count_a, pictures_a), (count_b, pictures_b) = deck_layout(first), deck_layout(second)
    return abs(count_a - count_b) <= 0.1 * max(count_a, count_b) and pictures_a == pictures_b


def test_the_built_welsh_and_english_decks_have_the_same_layout(built) -> None:
    folder = built[0] / "build" / "speaking-up"
    welsh, english = (folder / f"speaking-up-slides.{x}.pptx" for x in ("cy", "en"))
    assert same_deck_layout(welsh, english)
    assert deck_layout(welsh)[1], "the fixture's decks show pictures"
    assert not [d for d in built[1].diagnostics if d.code == "PG138"]


def test_each_guide_names_the_deck_of_its_own_language(built) -> None:
    folder = built[0] / "build" / "speaking-up"
    for short in ("cy", "en"):
        html = (folder / f"speaking-up-guide.{short}.html").read_text(encoding="utf-8")
        assert f"speaking-up-slides.{short}.pptx" in html
        assert "speaking-up-slides.pptx" not in html
