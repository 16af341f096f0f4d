"""Real Pandoc decks build here as Pandoc builds them (docs/content-format.md, "Pandoc
compatibility").

Every deck of the corpus (tests/fixtures/pandoc_decks/, sources in SOURCES.yaml) is built with
packgen and with Pandoc 3 and compared as a viewer sees them (see pandoc_parity.py). Every deck
must build; every difference must be one the docs state (``pandoc_parity.DOCUMENTED``, the one
list of them). A deck that still differs for a construct packgen does not read yet is marked
``xfail(strict=True)`` with that construct below: when the construct lands the deck passes, the
strict mark fails, and the mark must go.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pandoc_parity as parity

QMD = ".qmd modules"
REMOTE = "web-address pictures shown as their alt text (PG165), counted as missing pictures"
MATH = "TeX math"
NOT_YET: dict[str, str] = {
    "beamer-notes-example": "raw LaTeX (\\note{...}) shown as text",
    "course-431-class01": f"{QMD}; {REMOTE}",
    "course-431-class14": f"{QMD}; raw LaTeX (\\textcolor); {MATH}",
    "course-431-class20": f"{QMD}; {MATH}; footnotes",
    "de-statistik-python": "front matter after an HTML comment; HTML comments; TeX math",
    "fr-diaporama-balisage": "raw HTML; bracketed spans; figures; pictures without alt",
    "pandoc-manual": "code blocks inside list items; definition lists; footnotes; tables; "
                     "raw HTML and LaTeX",
    "pandoc-manual-habits": "figure captions (a picture alone in a paragraph)",
    "quarto-authoring": f"{QMD}; {REMOTE}; callouts; footnotes",
    "quarto-cli-code-font-size": QMD,
    "quarto-cli-links-id": f"{QMD}; {REMOTE}; {MATH}",
    "quarto-computation": f"{QMD}; {REMOTE}; raw HTML",
    "quarto-intro": f"{QMD}; {REMOTE}; raw HTML; tables",
    "quarto-presentations": f"{QMD}; {REMOTE}; raw HTML; tables",
    "quarto-websites": f"{QMD}; {REMOTE}",
    "rse-skills": f"{QMD}; {REMOTE}; Quarto shortcodes",
    "rstudio-revealjs-simple": "raw HTML (<aside class=\"notes\">) shown as text",
    "talk-alfgrp": f"{QMD}; front matter after a code chunk",
    "talk-code-review": f"{QMD}; linked pictures",
    "talk-compcogsci": f"{QMD}; linked pictures",
    "talk-lmemsim": f"{QMD}; linked pictures",
    "talk-rep-gen-faces": f"{QMD}; {MATH}; raw HTML; figures; footnotes",
    "talk-teach-repro": f"{QMD}; front matter after a code chunk",
    "tidymodels-workshop": f"{QMD}; Quarto shortcodes",
}
"""Decks that differ today, with the constructs each still needs (the report of
``pandoc_parity.py --qmd-as-md`` shows what a .qmd deck needs past the .qmd itself)."""


def _pandoc_or_skip() -> None:
    try:
        parity.pandoc_path()
    except (ImportError, OSError):
        pytest.skip("Pandoc is not installed (pypandoc-binary, the bench extra)")


def _param(deck: str):
    marks = [pytest.mark.xfail(strict=True, reason=NOT_YET[deck])] if deck in NOT_YET else []
    return pytest.param(deck, id=deck, marks=marks)


@pytest.mark.parametrize("deck", [_param(d) for d in parity.decks()])
def test_the_deck_builds_with_pandocs_slides(deck: str) -> None:
    _pandoc_or_skip()
    result = parity.run(deck)
    assert result.packgen_built, "\n".join(result.findings)
    assert not any("Traceback" in f for f in result.findings)
    left = parity.undocumented(result)
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
