"""Tests for the easy-read rules: each code fires on one violation and stays quiet when clean."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from easyread_sample import make_pack, row

from packgen.errors import Severity
from packgen.model import Config, Module
from packgen.rules import easy_read_words as ew
from packgen.rules.easy_read import (
    check_pack,
    check_row,
    check_sentence,
    row_sentences,
    rules_for,
)
from packgen.wording import glossary_matches, mask_glossary


@pytest.fixture
def tp(tmp_path: Path):
    return make_pack(tmp_path)


@pytest.fixture
def rules(tp):
    return rules_for(tp)


def codes(sentence: str, rules) -> list[str]:
    return [code for code, _ in check_sentence(sentence, rules)]


SENTENCE_CASES = [
    ("PG201", "We will meet in the big room and talk about the things that matter to all "
              "of us today.", "We will meet in the big room."),
    ("PG203", "The NHS pays for it.", "The health service pays for it."),
    ("PG203", "Bring paper, pens etc.", "Bring paper and pens."),
    ("PG203", "Bring a pen, e.g. a blue one.", "Bring a blue pen."),
    ("PG204", "You can't be late.", "You cannot be late."),
    ("PG204", "It's time for lunch.", "Sam's bag is here."),
    ("PG205", "The facilitator will help you.", "Aled will help you."),
    ("PG205", "We use a flipchart.", "We use a big paper pad."),
    ("PG205", "We talk about responsibility.", "We talk about jobs."),
    ("PG206", "There are three groups.", "There are 3 groups."),
    ("PG206", "Twenty people will come.", "No one is left out and one of us helps."),
    ("PG207", "Come on 3/3/2026.", "Come on Tuesday 3 March 2026."),
    ("PG207", "Come on 2026-03-03.", "Come in 2026."),
    ("PG208", "We start at 14:30.", "We start at 2:30pm."),
    ("PG208", "Lunch is at 1300hrs.", "Lunch is at 1pm and costs £13.50."),
]


@pytest.mark.parametrize(("code", "bad", "good"), SENTENCE_CASES)
def test_sentence_rule_flags_violation_and_passes_clean(code, bad, good, rules):
    assert code in codes(bad, rules)
    assert code not in codes(good, rules)


def test_clean_easy_read_sentences_raise_nothing(rules):
    for sentence in ("Power is about who decides.", "You decide what happens there.",
                     "We start at 10am on Tuesday 3 March 2026."):
        assert codes(sentence, rules) == []


def test_glossary_terms_and_forms_are_not_hard_or_acronyms(tp, rules):
    assert "PG205" not in codes("Coproduction is good.", rules)
    assert "PG205" not in codes("We do co-production.", rules)


def test_hyphenated_prefix_word_is_scored_joined_up(tp):
    rules = dataclasses.replace(rules_for(tp), glossary=())
    assert ew.zipf("co-production") > 3.5
    assert "PG205" in codes("We do co-production.", rules)
    assert "PG205" not in codes("It is a well-known room.", rules)


def test_allow_list_and_pack_names_are_not_hard(tp):
    config = Config(allow_words=frozenset({"Flipchart"}))
    tp = dataclasses.replace(tp, project=dataclasses.replace(tp.project, config=config))
    rules = rules_for(tp)
    assert "PG205" not in codes("We use a flipchart.", rules)
    assert "PG205" not in codes("Glanrhyd is a town.", rules)


def test_thresholds_come_from_config(tp):
    config = Config(thresholds={"sentence_words": 4})
    tp = dataclasses.replace(tp, project=dataclasses.replace(tp.project, config=config))
    assert "PG201" in codes("We will meet in the room.", rules_for(tp))


def test_row_without_picture_is_a_warning_with_the_row_location(tmp_path, rules):
    found = check_row(row(tmp_path, None, 42, "We meet."), rules)
    assert [(d.code, d.path, d.line, d.severity) for d in found] == [
        ("PG202", "content/modules/power.md", 42, Severity.WARNING)]
    assert check_row(row(tmp_path, "power", 42, "We meet."), rules) == []


def test_findings_carry_the_row_file_and_line(tmp_path, rules):
    found = check_row(row(tmp_path, "power", 7, "You can't come."), rules)
    assert [(d.code, d.path, d.line) for d in found] == [
        ("PG204", "content/modules/power.md", 7)]


def test_module_without_easy_read_block_is_named(tp):
    found = [d for d in check_pack(tp) if d.code == "PG210"]
    assert len(found) == 1
    assert "'extra'" in found[0].message and found[0].severity is Severity.WARNING
    assert found[0].path == "content/modules/extra.md"


def test_module_emptied_by_tailoring_names_the_audience(tp):
    emptied = Module("x", "X", 5, (), tp.modules[0].loc, has_easy_read=True)
    tp = dataclasses.replace(tp, modules=(emptied,))
    (found,) = check_pack(tp)
    assert found.code == "PG210" and "self-advocates" in found.message


def test_clean_sample_pack_has_only_readability_info_missing_block_and_bare_words(tp):
    found = check_pack(tp)  # the sample glossary's words have no pictures (PG212)
    assert {d.code for d in found} == {"PG209", "PG210", "PG212"}
    assert all(d.severity is Severity.INFO for d in found if d.code == "PG209")


def test_readability_is_reported_per_module_with_glossary_masked(tp):
    found = [d for d in check_pack(tp) if d.code == "PG209"]
    assert [d.path for d in found] == ["content/modules/welcome.md", "content/modules/power.md"]
    assert "Flesch-Kincaid grade" in found[0].message and "Reading Ease" in found[0].message


def test_readability_matches_flesch_formulas():
    score = ew.readability(["The cat sat.", "The dog ran home."])
    assert (score.words, score.sentences, score.syllables) == (7, 2, 7)
    assert score.ease == pytest.approx(206.835 - 1.015 * 3.5 - 84.6 * 1.0)
    assert score.grade == pytest.approx(0.39 * 3.5 + 11.8 * 1.0 - 15.59)
    assert ew.readability([]) is None


def test_syllables_come_from_the_shipped_dictionary():
    assert ew.syllables("responsibility") == 6
    assert ew.syllables("coproduction") >= 4


def test_rows_split_into_sentences_by_line_and_punctuation(tmp_path):
    r = row(tmp_path, "power", 1, "We meet. We talk!", "Then we go home?")
    assert row_sentences(r) == ["We meet.", "We talk!", "Then we go home?"]
    assert ew.split_sentences("We meet at 10.30am. Bring a pen.") == [
        "We meet at 10.30am.", "Bring a pen."]


def test_glossary_matches_find_terms_and_forms_case_insensitively(tp):
    text = "Power and co-production. Coproduction shares POWER."
    matches = glossary_matches(text, tp.project.glossary)
    found = [(text[m.start:m.end], m.entry.term) for m in matches]
    assert found == [("Power", "power"), ("co-production", "coproduction"),
                     ("Coproduction", "coproduction"), ("POWER", "power")]
    assert glossary_matches("Powerful people.", tp.project.glossary) == []
    assert mask_glossary("Power is here.", tp.project.glossary) == "table is here."


def test_english_only_scores_are_off_for_welsh(tp):
    welsh = dataclasses.replace(tp, pack=dataclasses.replace(tp.pack, language="cy-GB"))
    rules = rules_for(welsh)
    assert "PG205" not in codes("Mae'r gweithdy yn dechrau.", rules)
    assert "PG201" in codes(" ".join(["gair"] * 16) + ".", rules)
    assert not [d for d in check_pack(welsh) if d.code == "PG209"]


def test_acronyms_in_pack_names_are_still_flagged_unless_allowed(tp):
    tp = dataclasses.replace(tp, pack=dataclasses.replace(tp.pack, organisation="Bryn CIC"))
    assert "PG203" in codes("The CIC pays.", rules_for(tp))
    config = Config(allow_words=frozenset({"CIC"}))
    tp = dataclasses.replace(tp, project=dataclasses.replace(tp.project, config=config))
    assert "PG203" not in codes("The CIC pays.", rules_for(tp))
