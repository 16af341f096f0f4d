"""The shipped Welsh text of the self-advocates easy-read pack: what a Welsh reader and the
loader's block-for-block check see."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from where import REPO

from packgen import api
from packgen.load.project import load_project
from packgen.load.translations import KEYS
from packgen.model import Module, Project, Span, plain
from packgen.rules.easy_read_words import sentence_length, split_sentences

WELSH = ENGLISH = REPO / "content"
PACK = "self-advocates-easy-read"
WELSH_PACKS = ("self-advocates-cy", "self-advocates-bilingual")
HANDOUT_WORDS = 15
"""Most words in an easy-read sentence, in Welsh as in English (EASY-READ.md, W7)."""
NOTES_WORDS = 25
"""Most words in a facilitator's sentence: Cymraeg Clir's limit."""
SAMPLE = "Sample translation awaiting a Welsh speaker's check"
SPACE_NAMES = ("fy lle i", "eich lle chi", "lle ar y cyd")
LISTS = ("objectives", "key_messages", "materials")
"""The front matter lists a translation gives in Welsh, one for each English entry."""
TRANSLATION_CODES = {"PG039", "PG040", "PG041", "PG042", "PG043", "PG133", "PG134", "PG135"}
"""What the loader says of Welsh text that is missing or does not mirror the English."""


@cache
def _project() -> Project:
    project, _ = load_project(REPO)
    return project


def _welsh(name: str) -> Module:
    return _project().translations["cy-GB"].modules[name]


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _pack_modules() -> list[str]:
    return list(_yaml(ENGLISH / "packs" / f"{PACK}.yaml")["modules"])


def _texts(value: Any) -> Iterator[str]:
    """Yield the plain text of every run of words inside ``value`` (blocks, rows, notes)."""
    if isinstance(value, tuple) and value and all(isinstance(v, Span) for v in value):
        yield plain(value)
    elif isinstance(value, tuple):
        for item in value:
            yield from _texts(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name))


def _long(texts: Iterator[str], limit: int) -> list[str]:
    return [s for text in texts for line in text.splitlines() for s in split_sentences(line)
            if sentence_length(s) > limit]


def _notes(body: Module) -> Iterator[Any]:
    for slide in body.slides:
        yield slide.notes
        if slide.activity is not None:
            yield slide.activity.notes
    for row in body.easy_read:
        yield row.notes


def test_every_module_of_the_welsh_packs_has_welsh_text_that_mirrors_it() -> None:
    result = api.check(REPO, WELSH_PACKS)
    assert set(_pack_modules()) <= set(_project().translations["cy-GB"].modules)
    assert [str(d) for d in result.diagnostics if d.code in TRANSLATION_CODES] == []


@pytest.mark.parametrize("name", _pack_modules())
def test_welsh_easy_read_sentences_are_as_short_as_english_ones(name: str) -> None:
    rows = _welsh(name).easy_read
    assert rows, f"{name} has no Welsh easy read"
    assert _long(_texts(tuple(r.sentences for r in rows)), HANDOUT_WORDS) == []
    assert _long(_texts(tuple(r.title for r in rows)), HANDOUT_WORDS) == []


@pytest.mark.parametrize("name", _pack_modules())
def test_welsh_notes_keep_to_cymraeg_clir_sentence_length(name: str) -> None:
    assert _long(_texts(tuple(_notes(_welsh(name)))), NOTES_WORDS) == []


@pytest.mark.parametrize("name", _pack_modules())
def test_each_welsh_module_says_it_is_a_sample_awaiting_a_check(name: str) -> None:
    assert _project().translations["cy-GB"].translated_by[name] == SAMPLE
    meta = yaml.safe_load((WELSH / "modules" / f"{name}.cy.md").read_text(
        encoding="utf-8").split("---")[1])
    assert set(meta) <= set(KEYS)


@pytest.mark.parametrize("name", _pack_modules())
def test_the_welsh_guide_shows_welsh_objectives_and_key_messages(name: str) -> None:
    english, welsh = _project().modules[name], _welsh(name)
    for key in LISTS:
        assert len(getattr(welsh, key)) == len(getattr(english, key)), key
    assert _long(iter(welsh.objectives + welsh.key_messages), NOTES_WORDS) == []
    assert not {m.name for m in welsh.materials} & {m.name for m in english.materials}


def _bold_words(name: str) -> Iterator[str]:
    for row in _welsh(name).easy_read:
        for sentence in row.sentences:
            yield from (s.text.strip().lower() for s in sentence if s.bold and s.text.strip())


def test_every_bold_welsh_word_is_explained_in_the_welsh_glossary() -> None:
    glossary = _yaml(WELSH / "glossary.cy.yaml")
    known = {w.lower() for e in glossary for w in (e["term"], *e.get("forms", ()))}
    bold = {w for name in _pack_modules() for w in _bold_words(name)}
    assert bold - known - set(SPACE_NAMES) == set()


def test_the_welsh_glossary_translates_every_english_word_once() -> None:
    english = [e["term"] for e in _yaml(ENGLISH / "glossary.yaml")]
    welsh = _yaml(WELSH / "glossary.cy.yaml")
    assert sorted(e["en"] for e in welsh) == sorted(english)
    assert all(set(e) <= {"en", "term", "explanation", "forms"} for e in welsh)
    assert _long(iter(e["explanation"] for e in welsh), HANDOUT_WORDS) == []


def test_the_welsh_model_names_every_space_as_the_handout_does() -> None:
    english = [s["id"] for s in _yaml(ENGLISH / "model.yaml")["spaces"]]
    welsh = _yaml(WELSH / "model.cy.yaml")["spaces"]
    assert [s["id"] for s in welsh] == english
    assert [s["name"].lower() for s in welsh] == list(SPACE_NAMES)
    assert all(s["name"] and s["holder"] and s["description"] and s["alt"] for s in welsh)


def test_the_welsh_pack_is_the_english_pack_in_welsh() -> None:
    english = _yaml(ENGLISH / "packs" / f"{PACK}.yaml")
    welsh = _yaml(WELSH / "packs" / "self-advocates-cy.yaml")
    assert welsh["language"] == "cy" and "checked_by_cy" not in welsh
    same = ("audience", "date", "start", "slot", "facilitators", "participants", "deck_style",
            "modules")
    assert {k: welsh[k] for k in same} == {k: english[k] for k in same}
    assert [(b["after"], b["minutes"]) for b in welsh["breaks"]] == \
        [(b["after"], b["minutes"]) for b in english["breaks"]]
    assert len(welsh["access"]) == len(english["access"])
    assert {k: v for k, v in welsh["contact"].items() if k != "address"} == \
        {k: v for k, v in english["contact"].items() if k != "address"}


def _english_side(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"cy", "en"}:
        return value["en"]
    if isinstance(value, dict):
        return {k: _english_side(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_english_side(v) for v in value]
    return value


def _welsh_side(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"cy", "en"}:
        return value["cy"]
    if isinstance(value, dict):
        return {k: _welsh_side(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_welsh_side(v) for v in value]
    return value


def test_the_bilingual_pack_is_the_english_pack_and_the_welsh_pack_side_by_side() -> None:
    english = _yaml(ENGLISH / "packs" / f"{PACK}.yaml")
    welsh = _yaml(WELSH / "packs" / "self-advocates-cy.yaml")
    both = _yaml(WELSH / "packs" / "self-advocates-bilingual.yaml")
    assert both.pop("languages") == ["cy", "en"] and "checked_by_cy" not in both
    welsh.pop("language")
    assert _english_side(both) == english
    assert _welsh_side(both) == welsh


def test_the_shipped_font_draws_every_letter_of_the_welsh_text() -> None:
    ttlib = pytest.importorskip("fontTools.ttLib")
    fonts = sorted((REPO / "src" / "packgen" / "templates" / "fonts").glob("*.ttf"))
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(WELSH.rglob("*"))
                   if p.is_file() and (p.name.endswith(".cy.md") or p.suffix == ".yaml"))
    letters = set(re.sub(r"[\x00-\x7f]", "", text))
    for font in fonts:
        cmap = ttlib.TTFont(font).getBestCmap()
        assert sorted(c for c in letters if ord(c) not in cmap) == [], font.name
