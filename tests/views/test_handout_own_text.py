"""packgen's own easy-read words (the details, the end page, the templates' fixed text) obey the
same easy-read rules as the content: short sentences, one idea each, easy words."""

from __future__ import annotations

from pathlib import Path

import pytest
from easyread_sample import make_pack
from where import REPO

from packgen.api import tailored
from packgen.rules import easy_read_words as ew
from packgen.rules.easy_read import check_sentence, rules_for
from packgen.translations import words
from packgen.views.handout import handout_view
from packgen.writers.pdf.data import template_words

PACKS = sorted(p.stem for p in (REPO / "content" / "packs").glob("*.yaml"))
OWN_SECTIONS = ("about", "contact", "formats", "checked")
"""The handout sections packgen writes itself (picture credits quote the licences' words)."""
TEMPLATE_TEXT = ("Easy read", "Hard words", "These are the hard words in this easy read.",
                 "Page")
"""The fixed words of the handout templates."""
TEMPLATES = REPO / "src" / "packgen" / "templates"


def own_sentences(tp) -> list[str]:
    """Return every sentence packgen itself writes into the pack's handout."""
    view = handout_view(tp)
    sections = [s for s in (*view.sections, *view.ending) if s.id in OWN_SECTIONS]
    lines = [s.title for s in sections]
    lines += ["".join(p.text for p in line) for s in sections for r in s.rows for line in r.lines]
    return [sentence for line in lines for sentence in ew.split_sentences(line)]


def findings(tp, sentences: list[str]) -> list[str]:
    rules = rules_for(tp)
    return [f"{s!r}: {message}" for s in sentences for _, message in check_sentence(s, rules)]


@pytest.mark.parametrize("pack", PACKS)
def test_packgens_own_words_in_each_shipped_handout_pass_the_easy_read_rules(pack: str) -> None:
    tp, _ = tailored(REPO, pack)
    sentences = own_sentences(tp)
    _ = words(tp.language)  # the shipped Welsh packs say it in Welsh
    assert _("You can get this easy read on paper.") in sentences
    assert findings(tp, sentences) == []


def test_packgens_own_words_pass_for_the_sample_pack(tmp_path: Path) -> None:
    tp = make_pack(tmp_path)
    assert findings(tp, own_sentences(tp)) == []


def test_the_handout_templates_fixed_words_pass_the_easy_read_rules(tmp_path: Path) -> None:
    tp = make_pack(tmp_path)
    for name in ("handout.html", "handout.css"):
        text = (TEMPLATES / name).read_text(encoding="utf-8")
        assert any(t in text for t in TEMPLATE_TEXT), name
    typst = (TEMPLATES / "handout.typ").read_text(encoding="utf-8")
    given = template_words("en-GB")  # the print template's words come in its data
    assert all(f'say("{key}"' in typst for key in ("easy_read", "hard_words", "page"))
    assert {given["easy_read"], given["hard_words"], given["hard_words_lead"]} <= \
        set(TEMPLATE_TEXT)
    assert findings(tp, list(TEMPLATE_TEXT)) == []
