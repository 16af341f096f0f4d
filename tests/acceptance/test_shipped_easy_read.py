"""The shipped easy read keeps its picture promises: one picture per idea, a picture for every
hard word, every picture credited, and easy-read slides titled by what they say."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from where import REPO

from packgen.api import tailored
from packgen.load.project import load_project
from packgen.rules.easy_read_pictures import bold_terms

PACKS = sorted(p.stem for p in (REPO / "content" / "packs").glob("*.yaml"))
COUNTED = re.compile(r"\(\d+ of \d+\)")


@pytest.fixture(scope="module")
def project():
    project, _ = load_project(REPO)
    return project


def _rows(project):
    return [row for module in project.modules.values() for row in module.easy_read]


def test_every_glossary_word_has_a_picture_of_its_own(project) -> None:
    words = defaultdict(list)
    for entry in project.glossary:
        assert entry.image is not None, entry.term
        words[entry.image.src].append(entry.term)
    assert {src: terms for src, terms in words.items() if len(terms) > 1} == {}


def test_no_row_uses_a_words_picture_for_another_word(project) -> None:
    word_of = {e.image.src: e.term for e in project.glossary if e.image is not None}
    wrong = [(row.loc.path, row.loc.line, row.image.src)
             for row in _rows(project) if row.image is not None
             and (terms := bold_terms(row, project.glossary))
             and row.image.src in word_of and word_of[row.image.src] not in terms]
    assert wrong == []


def test_every_picture_shown_is_credited_and_every_credit_names_a_shipped_file(project) -> None:
    credited = {c.src for c in project.credits}
    shown = {row.image.src for row in _rows(project) if row.image is not None}
    shown |= {e.image.src for e in project.glossary if e.image is not None}
    files = {f"content/images/{p.name}" for p in (REPO / "content" / "images").glob("*.png")}
    assert shown <= credited
    assert credited == files


def test_one_picture_has_one_alt_text_everywhere(project) -> None:
    alts = defaultdict(set)
    for image in [r.image for r in _rows(project)] + [e.image for e in project.glossary]:
        if image is not None:
            alts[image.src].add(image.alt)
    assert {src: a for src, a in alts.items() if len(a) > 1} == {}


def test_every_shipped_easy_read_row_has_its_own_title(project) -> None:
    untitled = [(r.loc.path, r.loc.line) for r in _rows(project) if not r.title]
    assert untitled == []


@pytest.mark.parametrize("pack", PACKS)
def test_easy_read_slide_titles_never_count_and_never_repeat(pack: str) -> None:
    tp, _ = tailored(REPO, pack)
    titles = [s.title for s in tp.slides]
    assert not [t for t in titles if COUNTED.search(t)]
    if tp.pack.deck_style == "easy-read":
        assert len(set(map(str.casefold, titles))) == len(titles)


def test_the_easy_read_deck_shows_the_row_titles(tmp_path: Path) -> None:
    from pptx import Presentation

    from packgen.api import build

    build(REPO, ["self-advocates-easy-read"], tmp_path, kinds=["deck"])
    deck = Presentation(str(next(tmp_path.rglob("*-slides.pptx"))))
    titles = [s.shapes.title.text_frame.text for s in deck.slides if s.shapes.title is not None]
    assert "What shared space means" in titles and "Council" in titles
    assert not [t for t in titles if COUNTED.search(t)]
