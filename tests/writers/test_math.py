"""Equations reach every output as equations: OMML in the deck and Word, MathML in HTML,
tagged Typst math in the PDFs; never the ``$...$`` source."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree
from project_support import make

from packgen import api

MODULE = r"""---
title: Averages
duration: 10
---

## Formulas

A fraction $\frac{a}{b}$, a square $x^2$ and a root $\sqrt{x}$; prices $5 and $10.

$$\sum_{i=1}^n x_i$$

::: notes
Read $\frac{a}{b}$ as "a over b".
:::

::: easy-read
#### Adding up
![A group of people](../images/pic.png)
We add 2 and 2: $2 + 2 = 4$.
:::
"""
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "a14": "http://schemas.microsoft.com/office/drawing/2010/main",
      "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
      "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
      "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make(tmp_path_factory.mktemp("maths"), {"content/modules/welcome.md": MODULE})
    result = api.build(root, ["p"], root / "out", jobs=1)
    assert not result.failed
    return root / "out" / "p"


def xml(path: Path, member: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(member))


def slide_with_math(deck: Path) -> etree._Element:
    with zipfile.ZipFile(deck) as archive:
        names = [n for n in archive.namelist() if n.startswith("ppt/slides/slide")]
        roots = [etree.fromstring(archive.read(n)) for n in names]
    (found,) = [r for r in roots if r.xpath("//a14:m", namespaces=NS)]
    return found


def test_the_deck_holds_powerpoint_equations_of_the_right_shape(built: Path) -> None:
    slide = slide_with_math(built / "p-slides.pptx")
    choice = slide.xpath("//mc:AlternateContent/mc:Choice", namespaces=NS)[0]
    assert choice.get("Requires") == "a14 m"
    math = choice.xpath(".//a14:m/m:oMath | .//a14:m/m:oMathPara/m:oMath", namespaces=NS)
    assert len(math) == 4

    def one(path: str) -> etree._Element:
        (found,) = choice.xpath(path, namespaces=NS)
        return found

    frac = one(".//m:f")
    assert frac.xpath("string(m:num)", namespaces=NS) == "a"
    assert frac.xpath("string(m:den)", namespaces=NS) == "b"
    square = one(".//m:sSup")
    assert [square.xpath(f"string(m:{p})", namespaces=NS) for p in ("e", "sup")] == ["x", "2"]
    root = one(".//m:rad")
    assert root.xpath("m:radPr/m:degHide/@m:val", namespaces=NS) == ["1"]
    assert root.xpath("string(m:e)", namespaces=NS) == "x"
    total = one(".//m:oMathPara/m:oMath/m:nary")
    assert total.xpath("m:naryPr/m:chr/@m:val", namespaces=NS) == ["∑"]
    assert total.xpath("string(m:sub)", namespaces=NS) == "i=1"
    assert total.xpath("string(m:sup)", namespaces=NS) == "n"
    assert total.xpath("string(m:e)", namespaces=NS) == "xi"


def test_the_deck_fallback_shows_the_formulas_as_text_never_the_tex(built: Path) -> None:
    slide = slide_with_math(built / "p-slides.pptx")
    fallback = "".join(slide.xpath("//mc:Fallback//a:t/text()", namespaces=NS))
    assert "a/b" in fallback and "x²" in fallback and "√x" in fallback
    assert "∑ᵢ₌₁ⁿ xᵢ" in fallback
    assert "$5 and $10" in fallback
    assert not slide.xpath("//mc:Fallback//a14:m", namespaces=NS)
    everything = "".join(slide.xpath("//a:t/text()", namespaces=NS))
    assert "\\frac" not in everything and "$x" not in everything


def test_notes_pages_hold_the_formula_as_text(built: Path) -> None:
    with zipfile.ZipFile(built / "p-slides.pptx") as archive:
        notes = [archive.read(n).decode() for n in archive.namelist()
                 if n.startswith("ppt/notesSlides/notesSlide")]
    (page,) = [n for n in notes if "a over b" in n]
    assert "a/b" in page and "a14:m" not in page


def test_the_word_guide_and_handout_hold_word_equations(built: Path) -> None:
    guide = xml(built / "p-guide.docx", "word/document.xml")
    (frac,) = guide.xpath("//w:p/m:oMath//m:f", namespaces=NS)
    assert frac.xpath("string(m:num)", namespaces=NS) == "a"
    handout = xml(built / "p-easy-read.docx", "word/document.xml")
    assert handout.xpath("string(//w:p/m:oMath)", namespaces=NS) == "2+2=4"


def test_the_html_pages_hold_mathml_with_the_tex_as_alttext(built: Path) -> None:
    guide = (built / "p-guide.html").read_text(encoding="utf-8")
    assert '<math display="inline" xmlns="http://www.w3.org/1998/Math/MathML" ' \
           'alttext="\\frac{a}{b}"><mrow><mfrac>' in guide
    handout = (built / "p-easy-read.html").read_text(encoding="utf-8")
    assert 'alttext="2 + 2 = 4"' in handout and "$2" not in handout


def test_the_pdfs_tag_each_equation_with_its_tex(built: Path) -> None:
    for name, tex in (("p-guide.pdf", "\\frac{a}{b}"), ("p-easy-read.pdf", "2 + 2 = 4")):
        with pikepdf.open(built / name) as pdf:
            alts = _alts(pdf.Root.StructTreeRoot)
        assert tex in alts, (name, alts)


def _alts(node: object, found: list[str] | None = None) -> list[str]:
    found = [] if found is None else found
    if isinstance(node, pikepdf.Dictionary):
        if "/Alt" in node:
            found.append(str(node["/Alt"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            _alts(kid, found)
    elif isinstance(node, pikepdf.Array):
        for kid in node:
            _alts(kid, found)
    return found


def test_the_deck_rules_measure_a_shape_holding_an_equation(tmp_path: Path) -> None:
    from packgen.rules.overflow import check_deck_overflow

    long = "- A long line about the sum $\\sum_{i=1}^n x_i$ that goes on and on\n" * 14
    root = make(tmp_path, {"content/modules/welcome.md": MODULE.replace(
        "$$\\sum_{i=1}^n x_i$$\n", long)})
    result = api.build(root, ["p"], root / "out", jobs=1, kinds=["deck"])
    assert not result.failed
    found = check_deck_overflow(root / "out" / "p" / "p-slides.pptx", "p-slides.pptx")
    assert [d.code for d in found] == ["PG501"]
