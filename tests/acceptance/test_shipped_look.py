"""The shipped decks use the room: text fits its box, sits on the slide, fills short slides."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.oxml.ns import qn
from where import REPO

from packgen.rules.overflow import check_deck_overflow

def _deck_names(pack: Path) -> list[str]:
    """Return the deck file names a shipped pack builds: one per language of a bilingual
    pack (``p-slides.cy.pptx``), else ``p-slides.pptx``."""
    languages = yaml.safe_load(pack.read_text(encoding="utf-8")).get("languages") or [""]
    return [f"{pack.stem}-slides{'.' + lang if lang else ''}.pptx" for lang in languages]


PACKS = [name for p in sorted((REPO / "content" / "packs").glob("*.yaml"))
         for name in _deck_names(p)]
"""Every deck the shipped packs build, by file name."""
EASY_READ = {"self-advocates-easy-read", "self-advocates-cy", "self-advocates-bilingual"}
"""The shipped packs whose decks are easy read (no numbered steps)."""
SHORT = 4
"""A list of this many paragraphs or fewer is short."""


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("look")
    done = subprocess.run([sys.executable, "-m", "packgen", "build", "--only", "deck",
                           "--out", str(out), "--project", str(REPO)],
                          capture_output=True, text=True, timeout=600, cwd=REPO, check=False)
    assert done.returncode == 0, done.stderr
    return {name: out / name.split("-slides")[0] / name for name in PACKS}


@pytest.mark.parametrize("pack", PACKS)
def test_no_text_box_of_a_shipped_slide_overflows(decks: dict[str, Path], pack: str) -> None:
    assert check_deck_overflow(decks[pack], pack) == []


@pytest.mark.parametrize("pack", PACKS)
def test_every_text_frame_lies_inside_its_slide(decks: dict[str, Path], pack: str) -> None:
    prs = Presentation(str(decks[pack]))
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= prs.slide_width, (number, shape.name)
            assert shape.top + shape.height <= prs.slide_height, (number, shape.name)


@pytest.mark.parametrize("pack", ["staff-intro-slides.pptx", "council-and-citizens-slides.pptx"])
def test_short_lists_fill_more_than_a_third_of_the_body(decks: dict[str, Path],
                                                        pack: str) -> None:
    prs = Presentation(str(decks[pack]))
    checked = 0
    for slide in prs.slides:
        if slide.slide_layout.name != "Title and Content":
            continue
        body = next((s for s in slide.placeholders if s.placeholder_format.idx == 1), None)
        if body is None or not 3 <= len(body.text_frame.paragraphs) <= SHORT:
            continue
        checked += 1
        assert _text_height(body) > body.height / 3, slide.shapes.title.text
    assert checked >= 3


def _text_height(body) -> float:
    """Return the height in EMU of the text's lines (spacing left out), measured with the
    overflow rule's font metrics."""
    from packgen.rules.fontmetrics import line_factor, lines_needed

    width = (body.width - 91440 * 2 - 342900) / 12700
    total = 0.0
    for p in body.text_frame.paragraphs:
        size = max((r.font.size.pt for r in p.runs if r.font.size), default=28.0)
        total += lines_needed(p.text, width, size) * size * line_factor()
    return total * 12700


@pytest.mark.parametrize("pack", PACKS)
def test_numbered_steps_leave_room_between_number_and_text(decks: dict[str, Path],
                                                           pack: str) -> None:
    """A numbered item's hanging indent holds "1." and a space at its own size (1.5 em)."""
    prs = Presentation(str(decks[pack]))
    numbered = 0
    for number, slide in enumerate(prs.slides, start=1):
        for shape in (s for s in slide.shapes if s.has_text_frame):
            for p in shape.text_frame.paragraphs:
                ppr = p._p.pPr
                if ppr is None or ppr.find(qn("a:buAutoNum")) is None or not p.runs:
                    continue
                numbered += 1
                size_emu = max(r.font.size for r in p.runs if r.font.size is not None)
                assert -int(ppr.get("indent")) >= 1.5 * size_emu - 1, (number, p.text)
    if pack.split("-slides")[0] not in EASY_READ:
        assert numbered, "the standard decks' activity slides show numbered steps"
