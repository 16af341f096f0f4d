"""Real Pandoc decks build here as Pandoc builds them (docs/content-format.md, "Pandoc
compatibility").

Every deck of the corpus (tests/fixtures/pandoc_decks/, sources in SOURCES.yaml) is built with
packgen and with Pandoc 3 and compared as a viewer sees them (see pandoc_parity.py). Every deck
must build; every difference must be one the docs state (``pandoc_parity.DOCUMENTED``, the one
list of them). A deck that still differs is listed in ``NOT_YET`` with what differs: it must
still build, its differences are an expected failure, and once it matches the test fails until
its entry goes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pandoc_parity as parity

FANCY = "list items numbered i. or A. (Pandoc's fancy_lists), which packgen reads as text"
PICTURE_LINE = "a line in a column that starts with a picture: Pandoc shows only the picture, " \
               "packgen its text too"
NOT_YET: dict[str, str] = {
    "pandoc-manual": "a paragraph after a nested list in a list item, which packgen shows "
                     "before the nested list",
    "quarto-authoring": FANCY,
    "talk-code-review": PICTURE_LINE,
    "talk-compcogsci": PICTURE_LINE,
    "rse-skills": "a columns div with one column before a line and more columns: Pandoc shows "
                  "that column alone, packgen everything one block after another (PG167)",
}
"""Decks that still differ from Pandoc, with what differs (``python
tests/acceptance/pandoc_parity.py DECK`` prints every difference with its slide)."""


def _pandoc_or_skip() -> None:
    try:
        parity.pandoc_path()
    except (ImportError, OSError):
        pytest.skip("Pandoc is not installed (pypandoc-binary, the bench extra)")


@pytest.mark.parametrize("deck", parity.decks())
def test_the_deck_builds_with_pandocs_slides(deck: str) -> None:
    """Every deck builds; a deck in ``NOT_YET`` may still differ (an expected failure that
    names what differs), and fails once it matches, so that its mark goes."""
    _pandoc_or_skip()
    result = parity.run(deck)
    assert result.packgen_built, "\n".join(result.findings)
    assert not any("Traceback" in f for f in result.findings)
    left = parity.undocumented(result)
    if deck in NOT_YET:
        assert left, f"{deck} now builds as Pandoc builds it: remove it from NOT_YET"
        pytest.xfail(NOT_YET[deck])
    assert left == [], "\n".join(d.line(deck) for d in left)


def test_every_deck_in_the_corpus_has_its_source_recorded() -> None:
    recorded = parity.sources()
    assert sorted(recorded) == parity.decks()
    for deck, entry in recorded.items():
        assert {"repository", "path", "commit", "licence", "exercises"} <= set(entry), deck


def test_the_corpus_is_big_and_varied_enough() -> None:
    recorded = parity.sources()
    assert len(recorded) >= 20
    assert {e.get("language", "en") for e in recorded.values()} - {"en"}
    assert any(d.endswith("qmd") for d in map(str, map(parity.source_path, recorded)))


def test_every_not_yet_mark_names_a_deck_of_the_corpus() -> None:
    assert set(NOT_YET) <= set(parity.decks())


def test_packgens_own_slides_are_mapped_out_and_the_rest_compared() -> None:
    slide = parity.Slide
    ours = [slide("Parity x", (), (), 0, 0, "Title Slide"), slide("Agenda", (), (), 0, 0, "Agenda"),
            slide("Habits", (), (), 0, 0, "Section Header"),
            slide("Getting up", ("Ask",), ("Turn", "off"), 0, 0, "Title and Content"),
            slide("Thank you", (), (), 0, 0, "Closing")]
    section, body = parity.content_of_packgen(ours, "Habits")
    assert section.title == "Habits" and [s.title for s in body] == ["Getting up"]
    theirs = [slide("Getting up", ("Ask",), ("Turn", "on"), 1, 0)]
    kinds = [d.kind for d in parity.compare(body, theirs)]
    assert kinds == ["words", "pictures"]


def test_words_are_compared_without_smart_quotes_bullets_or_spacing() -> None:
    assert parity.normalise("\u2022 It\u2019s  \u201cfine\u201d\n1. next") == \
        parity.normalise("It's \"fine\" next")


def test_a_line_break_starts_a_line_as_a_new_paragraph_does() -> None:
    assert parity.normalise("1. one\v2. two") == parity.normalise("one\ntwo")


def test_a_caption_may_stand_before_or_after_the_text_beside_its_picture() -> None:
    slide = parity.Slide
    ours = slide("Faces", (), ("Big", "team", "science", "manyfaces", "team"), 1, 0,
                 captions=(("manyfaces", "team"),))
    theirs = slide("Faces", (), ("manyfaces", "team", "Big", "team", "science"), 1, 0)
    assert parity.compare([ours], [theirs]) == []
    moved = slide("Faces", (), ("science", "Big", "team", "manyfaces", "team"), 1, 0)
    assert [d.kind for d in parity.compare([ours], [moved])] == ["words"]


def test_pictures_pandoc_writes_as_their_text_in_a_layout_div_are_the_documented_difference(
        ) -> None:
    slide = parity.Slide
    ours = slide("Open", (), ("OSF", "Zenodo", "Ideally"), 3, 0,
                 alts=("OSF", "logo", "Zenodo", "logo", "bare"),
                 captions=(("OSF",), ("Zenodo",)))
    figures_twice = slide("Open", (), ("OSF", "OSF", "Zenodo", "Zenodo", "Ideally"), 0, 0)
    [difference] = parity.compare([ours], [figures_twice])
    assert difference.kind == "pictures" and parity.undocumented(
        parity.Result("d", True, True, (), differences=(difference,))) == []
    other_words = slide("Open", (), ("OSF", "OSF", "Zenodo", "Zenodo", "Ideally", "more"), 0, 0)
    assert "words" in [d.kind for d in parity.compare([ours], [other_words])]
