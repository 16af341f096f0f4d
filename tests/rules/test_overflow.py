"""Overflow (PG501): text estimated from the font's metrics against the placeholder's box."""

from __future__ import annotations

from pathlib import Path

import office
import pytest
from pptx import Presentation
from pptx.util import Pt
from rules_support import PACKAGED_DECK, module, para, slide, tailored

from packgen.model import Loc
from packgen.rules import overflow


def _deck(tmp_path: Path, bullets: list[str], title: str = "A title") -> Path:
    prs = Presentation(str(PACKAGED_DECK))
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title and Content")
    new = prs.slides.add_slide(layout)
    new.shapes.title.text = title
    body = new.placeholders[1].text_frame
    body.text = bullets[0]
    for text in bullets[1:]:
        body.add_paragraph().text = text
    path = tmp_path / "p-slides.pptx"
    prs.save(str(path))
    return path


def test_six_short_bullets_fit(tmp_path: Path) -> None:
    path = _deck(tmp_path, [f"Point number {n}" for n in range(6)])
    assert overflow.check_deck_overflow(path, "build/p/p-slides.pptx") == []


def test_fourteen_bullets_overflow_and_say_by_how_many_lines(tmp_path: Path) -> None:
    path = _deck(tmp_path, [f"Point number {n}" for n in range(14)])
    found = overflow.check_deck_overflow(path, "build/p/p-slides.pptx")
    assert [(d.code, d.path, d.severity.value) for d in found] == [
        ("PG501", "build/p/p-slides.pptx", "warning")]
    assert "slide 1 of p-slides.pptx" in found[0].message
    assert "needs about 14 lines" in found[0].message
    assert "lines too many" in found[0].message


def test_long_title_wraps_past_its_box(tmp_path: Path) -> None:
    title = "A very long slide title that goes on and on about power and control " * 2
    path = _deck(tmp_path, ["One point"], title=title)
    found = overflow.check_deck_overflow(path, "build/p/p-slides.pptx")
    assert len(found) == 1 and "'Title 1'" in found[0].message


def test_findings_point_at_the_content_when_sources_are_given(tmp_path: Path) -> None:
    path = _deck(tmp_path, [f"Point {n}" for n in range(14)])
    found = overflow.check_deck_overflow(path, "build/p/p-slides.pptx",
                                         {1: Loc("content/modules/m.md", 12)})
    assert (found[0].path, found[0].line) == ("content/modules/m.md", 12)


def test_explicit_run_sizes_count(tmp_path: Path) -> None:
    path = _deck(tmp_path, ["Short"] * 5)
    prs = Presentation(str(path))
    for para_ in prs.slides[0].placeholders[1].text_frame.paragraphs:
        para_.runs[0].font.size = Pt(60)
    prs.save(str(path))
    assert overflow.check_deck_overflow(path, "x.pptx")


@pytest.mark.parametrize(("words", "expected"), [(1, 1), (12, 1), (13, 2), (40, 4)])
def test_lines_needed_wraps_words_at_the_column_width(words: int, expected: int) -> None:
    # "word" is 59.1 pt wide at 28 pt and a space 7.8 pt: twelve fit in 820 pt.
    text = " ".join(["word"] * words)
    assert overflow.lines_needed(text, 820, 28) == expected


def test_line_breaks_inside_a_paragraph_start_new_lines() -> None:
    assert overflow.lines_needed("one\vtwo\vthree", 800, 28) == 3


def test_slide_sources_map_every_slide_to_the_project() -> None:
    tp = tailored(module(slide("A", para("a"), line=4), slide("B", para("b"), line=9)))
    pack, mod = Loc("content/packs/p.yaml", 1), Loc("content/modules/m.md", 1)
    assert overflow.slide_sources(tp) == {
        1: pack, 2: pack, 3: mod, 4: Loc("content/modules/m.md", 4),
        5: Loc("content/modules/m.md", 9), 6: pack}


@pytest.mark.slow
@pytest.mark.parametrize("count", [7, 8, 10])
def test_estimate_agrees_with_libreoffice(tmp_path: Path, count: int) -> None:
    import pdfplumber

    path = _deck(tmp_path, [f"Line {n} of the text" for n in range(count)])
    office.convert(path, tmp_path)
    prs = Presentation(str(path))
    body = prs.slides[0].placeholders[1]
    bottom = (body.top + body.height) / 12700
    with pdfplumber.open(tmp_path / "p-slides.pdf") as pdf:
        last = max(w["bottom"] for w in pdf.pages[0].extract_words() if w["text"] == "Line")
    reported = bool(overflow.check_deck_overflow(path, "p-slides.pptx"))
    assert reported == (last > bottom)
