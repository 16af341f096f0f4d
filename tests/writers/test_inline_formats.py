"""Pandoc's inline extras and smart typography in every output: the deck and its notes, the
guide as PDF, HTML and Word."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pdfplumber
import pytest
from pptx import Presentation
from project_support import make

from packgen import api

LINES = """\
Water is H~2~O and 2^10^ is 1024.

~~Old~~ [New]{.smallcaps} [key]{.underline} [hot]{.mark} [kept]{#k .other lang=cy}.

"Don't," she said -- and left... `it's "code"` at http://example.org/a--b

Hostile ~~#set page(width: 1cm) ] *x~~ and [\\<script>alert(1)\\</script>]{.mark}.
"""
MODULE = f"---\ntitle: Chemistry\nduration: 10\n---\n\n## Water\n\n{LINES}\n" \
         f"::: notes\n{LINES}\n:::\n"
"""The same text on the slide and in its notes (the guide shows the notes)."""
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make(tmp_path_factory.mktemp("project"), {"content/modules/welcome.md": MODULE})
    out = root / "out"
    result = api.build(root, out_dir=out, kinds=("deck", "guide"), jobs=1)
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    return out / "p"


def _runs_pptx(path: Path, notes: bool = False) -> dict[str, dict[str, str]]:
    """Return each run's text with its ``a:rPr`` attributes (and ``highlight``)."""
    found: dict[str, dict[str, str]] = {}
    for slide in Presentation(str(path)).slides:
        root = slide.notes_slide.notes_text_frame._txBody if notes else slide.shapes._spTree
        for run in root.iter(f"{A}r"):
            props = run.find(f"{A}rPr")
            attrs = dict(props.attrib) if props is not None else {}
            if props is not None and props.find(f"{A}highlight") is not None:
                attrs["highlight"] = props.find(f"{A}highlight")[0].get("val")
            found[run.findtext(f"{A}t")] = attrs
    return found


def test_the_deck_runs_carry_pandoc_inline_styles(built: Path) -> None:
    runs = _runs_pptx(built / "p-slides.pptx")
    assert runs["2"]["baseline"] == "-25000" and runs["10"]["baseline"] == "30000"
    assert runs["Old"]["strike"] == "sngStrike"
    assert runs["New"]["cap"] == "small"
    assert runs["key"]["u"] == "sng"
    assert runs["hot"]["highlight"] == "FFFF00"
    assert not {"strike", "cap", "u", "baseline"} & set(runs["kept"])


def test_the_deck_shows_smart_quotes_but_keeps_code_and_urls(built: Path) -> None:
    runs = _runs_pptx(built / "p-slides.pptx")
    text = "".join(runs)
    assert "\u201cDon\u2019t,\u201d she said \u2013 and left\u2026" in text
    assert "it's \"code\"" in runs and "http://example.org/a--b" in text


def test_hostile_text_in_new_wrappers_is_shown_as_written(built: Path) -> None:
    runs = _runs_pptx(built / "p-slides.pptx")
    assert runs["#set page(width: 1cm) ] *x"]["strike"] == "sngStrike"
    assert runs["<script>alert(1)</script>"]["highlight"] == "FFFF00"


def test_the_speaker_notes_keep_styles_and_smart_quotes(built: Path) -> None:
    runs = _runs_pptx(built / "p-slides.pptx", notes=True)
    assert runs["2"]["baseline"] == "-25000" and runs["Old"]["strike"] == "sngStrike"
    assert runs["hot"]["highlight"] == "FFFF00"
    assert "\u201cDon\u2019t,\u201d she said \u2013 and left\u2026" in "".join(runs)


def test_the_html_guide_uses_the_html_elements_and_escapes(built: Path) -> None:
    html = (built / "p-guide.html").read_text(encoding="utf-8")
    for element in ("H<sub>2</sub>O", "2<sup>10</sup>", "<del>Old</del>",
                    '<span class="smallcaps">New</span>', "<u>key</u>", "<mark>hot</mark>",
                    "<del>#set page(width: 1cm) ] *x</del>",
                    "<mark>&lt;script&gt;alert(1)&lt;/script&gt;</mark>"):
        assert element in html
    assert "<script>alert" not in html and 'id="k"' not in html
    assert "\u201cDon\u2019t,\u201d" in html and "<code>it&#39;s &#34;code&#34;</code>" in html


def test_the_word_guide_runs_carry_word_styles(built: Path) -> None:
    document = docx.Document(str(built / "p-guide.docx"))
    runs = {r.text: r for p in document.paragraphs for r in p.runs}
    assert runs["2"].font.subscript and runs["10"].font.superscript
    assert runs["Old"].font.strike and runs["New"].font.small_caps
    assert runs["key"].font.underline and runs["hot"].font.highlight_color is not None
    assert runs["#set page(width: 1cm) ] *x"].font.strike
    text = "\n".join(p.text for p in document.paragraphs)
    assert "\u201cDon\u2019t,\u201d she said \u2013 and left\u2026" in text


def test_the_pdf_guide_shows_the_text_and_the_strikeout_line(built: Path) -> None:
    with pdfplumber.open(built / "p-guide.pdf") as pdf:
        page = next(p for p in pdf.pages if "Water is" in (p.extract_text() or ""))
        text = page.extract_text()
        words = page.extract_words(extra_attrs=["size"])
        lines = page.lines + page.rects
    flat = re.sub(r"\s+", " ", text)
    assert "\u201cDon\u2019t,\u201d she said \u2013 and left\u2026" in flat
    assert "#set page(width: 1cm) ] *x" in flat and "<script>alert(1)</script>" in flat
    body = next(w for w in words if w["text"].startswith("Water"))
    small = [w for w in words if w["text"].startswith("2") and w["size"] < body["size"] - 1]
    assert small, "the subscript is set smaller than the body text"
    old = next(w for w in words if w["text"].startswith("Old"))
    assert any(old["x0"] - 1 <= ln["x0"] and ln["top"] > old["top"] and
               ln["bottom"] < old["bottom"] for ln in lines), "Old is struck through"


HANDOUT = """\
---
title: Welcome
duration: 10
---

## Hello

Text.

::: easy-read
![People at a meeting](../images/pic.png)
Water is H~2~O. The price was ~~ten~~ five pounds.
You [must]{.mark} bring [your card]{.underline}. We say "hello" -- and [\\<b>x\\</b>]{.mark}.
:::
"""


@pytest.fixture(scope="module")
def handout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make(tmp_path_factory.mktemp("handout"), {"content/modules/welcome.md": HANDOUT})
    api.build(root, out_dir=root / "out", kinds=("handout",), jobs=1)
    return root / "out" / "p"


def test_the_handout_pages_keep_the_inline_styles(handout: Path) -> None:
    html = (handout / "p-easy-read.html").read_text(encoding="utf-8")
    for element in ("H<sub>2</sub>O", "<del>ten</del>", "<mark>must</mark>",
                    "<u>your card</u>", "<mark>&lt;b&gt;x&lt;/b&gt;</mark>",
                    "\u201chello\u201d \u2013 and"):
        assert element in html
    document = docx.Document(str(handout / "p-easy-read.docx"))
    runs = {r.text: r for t in document.tables for row in t.rows for c in row.cells
            for p in c.paragraphs for r in p.runs}
    assert runs["2"].font.subscript and runs["ten"].font.strike
    assert runs["must"].font.highlight_color is not None and runs["your card"].font.underline
    with pdfplumber.open(handout / "p-easy-read.pdf") as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert "The price was ten five pounds." in text and "<b>x</b>" in text
    assert "\u201chello\u201d \u2013 and" in text
