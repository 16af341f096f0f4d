"""A cy-GB pack's deck, guide and handout speak Welsh and say so in every format.

The fixture project is built with each pack's ``language`` set to ``cy-GB`` (its module text
stays English: only packgen's own words change), then read back as a reader's software would:
python-pptx / the parts' XML, python-docx, pikepdf and pdfplumber, and the HTML.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from babel.messages.pofile import read_po
from docx import Document
from lxml import etree, html
from pdfcheck import structure_langs
from pptx import Presentation
from where import FIXTURE_PROJECT, copy_project

from packgen import api
from packgen.translations import LOCALES
from packgen.views import languages

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FIELD = re.compile(r"\{\w+\}|%\(\w+\)s")
PACKS = ("self-advocates", "staff-short")


def build(tmp: Path, language: str, also_in: tuple[str, ...] = ()) -> Path:
    """Return the output folder of the fixture project built with every pack in ``language``
    and said to be available in ``also_in`` as well."""
    root = copy_project(tmp / "project")
    if language.startswith("cy"):
        _stand_in_welsh_text(root)
    for pack in (root / "content" / "packs").glob("*.yaml"):
        text = re.sub(r"(?m)^language:.*\n", "", pack.read_text(encoding="utf-8"))
        pack.write_text(text + f"language: {language}\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(languages, "other_versions", lambda tp: also_in)
        result = api.build(root, out_dir=tmp / "out", force=True, rebuild=True, jobs=1)
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    return tmp / "out"


def _stand_in_welsh_text(root: Path) -> None:
    """Give every module a Welsh text that is its English text (title and body): what is
    tested here is packgen's own words, which the pack's language chooses."""
    for module in (root / "content" / "modules").glob("*.md"):
        if module.name.endswith(".cy.md"):
            continue
        front, _, body = module.read_text(encoding="utf-8").partition("\n---\n")
        title = next(line for line in front.splitlines() if line.startswith("title:"))
        module.with_name(module.stem + ".cy.md").write_text(
            f"---\n{title}\ntranslated_by: A translator\n---\n{body}", encoding="utf-8")


@pytest.fixture(scope="module")
def welsh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("cy"), "cy-GB")


@pytest.fixture(scope="module")
def announced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("en"), "en-GB", also_in=("cy-GB",))


def outputs(out: Path, suffix: str) -> list[Path]:
    found = sorted(out.glob(f"*/*{suffix}"))
    assert len(found) >= len(PACKS), found
    return found


# --- reading the text a reader meets -------------------------------------------------------


def pptx_lines(path: Path) -> list[str]:
    prs = Presentation(str(path))
    lines = [str(prs.core_properties.title)]
    for slide in prs.slides:
        parts = [slide.part._element]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.part._element)
        for root in parts:
            lines += ["".join(t.text or "" for t in p.iter(f"{A}t")) for p in root.iter(f"{A}p")]
            lines += [el.get("descr") for el in root.iter() if el.get("descr")]
    return lines


def docx_lines(path: Path) -> list[str]:
    lines = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                root = etree.fromstring(z.read(name))
                lines += ["".join(t.text or "" for t in p.iter(f"{W}t"))
                          for p in root.iter(f"{W}p")]
                lines += [el.get("descr") for el in root.iter() if el.get("descr")]
    props = Document(str(path)).core_properties
    return [*lines, props.title, props.subject]


def html_lines(path: Path) -> list[str]:
    page = html.fromstring(path.read_bytes())
    for junk in page.xpath("//style|//script|//svg"):
        junk.getparent().remove(junk)
    lines = [t.strip() for t in page.itertext() if t.strip()]
    return lines + [v for attr in ("alt", "aria-label", "title", "data-label")
                    for v in page.xpath(f"//@{attr}")]


def pdf_lines(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [line for page in pdf.pages for line in (page.extract_text() or "").splitlines()]


READERS = {".pptx": pptx_lines, ".docx": docx_lines, ".html": html_lines, ".pdf": pdf_lines}


def content_words() -> set[str]:
    """Return each line and table cell of the fixture's module text (English, as written)."""
    modules = (FIXTURE_PROJECT / "content" / "modules").glob("*.md")
    return {cell.strip(" #-*") for m in modules for line in m.read_text("utf-8").splitlines()
            for cell in line.split("|")}


NUMBER = {"n", "count", "total", "slot", "participants"}
TIME = {"start", "end", "time"}


def english_boilerplate() -> tuple[list[re.Pattern[str]], set[str]]:
    """Return a pattern for each message packgen writes (its fields as what fills them: a
    number, a clock time, or any text) and its one-word messages (headings, labels), from the
    Welsh catalogue; a message too loose to tell from the content's own English ("{names}
    and {last}") is left out."""
    with (LOCALES / "cy" / "LC_MESSAGES" / "packgen.po").open("rb") as handle:
        catalogue = read_po(handle)
    patterns, labels = [], set()
    for message in catalogue:
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            fields = [f.strip("{}") for f in FIELD.findall(msgid)]
            words = [w for part in FIELD.split(msgid) for w in part.split()
                     if re.search(r"[A-Za-z]{2}", w)]
            if not fields:
                if len(words) == 1 and len(msgid) > 3:
                    labels.add(msgid.strip(":"))
                elif len(words) > 1:
                    patterns.append(_pattern(msgid))
            elif len(words) >= 2 or set(fields) & (NUMBER | TIME) or not msgid.startswith("{"):
                patterns.append(_pattern(msgid))
    return patterns, labels


def _pattern(msgid: str) -> re.Pattern[str]:
    def field(name: str) -> str:
        return r"\d+" if name in NUMBER else r"\d{1,2}(?::\d\d)?\S*" if name in TIME \
            else r"[^\n]+?"

    msgid = msgid.removesuffix(".")
    parts = FIELD.split(msgid)
    names = [f.strip("{}").removeprefix("%(").removesuffix(")s") for f in FIELD.findall(msgid)]
    body = "".join(re.escape(p) + (field(n) if i < len(names) else "")
                   for i, (p, n) in enumerate(zip(parts, [*names, ""])))
    start = r"(?m)^" if msgid.startswith(("Activity", "Tip", "Slide")) else r"(?<!\w)"
    return re.compile(start + body + r"(?!\w)")


@pytest.mark.parametrize("suffix", sorted(READERS))
def test_a_welsh_pack_holds_no_english_words_of_packgens_own(welsh: Path, suffix: str) -> None:
    patterns, labels = english_boilerplate()
    assert len(patterns) > 80 and {"Notes", "Objectives", "Contents"} <= labels
    for path in outputs(welsh, suffix):
        lines = [line for line in READERS[suffix](path) if line]
        text = "\n".join(lines)
        left = [m.group() for p in patterns for m in [p.search(text)] if m]
        left += sorted({line.strip(" :") for line in lines} & (labels - content_words()))
        assert not left, f"{path.name} still says, in English: {left}"


def test_a_welsh_pack_writes_its_dates_times_and_headings_in_welsh(welsh: Path) -> None:
    guide = "\n".join(pdf_lines(next(welsh.glob("staff-short/*-guide.pdf"))))
    assert "Dydd Mawrth, 3 Mawrth 2026" in guide
    assert "Cynllun y sesiwn" in guide and "Tudalen 1 o" in guide
    handout = "\n".join(html_lines(next(welsh.glob("self-advocates/*-easy-read.html"))))
    assert "Mae'n dechrau am 1:30yh." in handout and "Mae egwyl am 2:05yh." in handout
    assert not re.search(r"\d(am|pm)\b", handout)
    assert "Pwy i gysylltu â nhw" in handout and "Hawdd ei ddeall" in handout
    deck = "\n".join(pptx_lines(next(welsh.glob("staff-short/*-slides.pptx"))))
    assert "munud" in deck and "Yn ôl am" in deck


# --- language tags ---------------------------------------------------------------------------


def test_every_deck_run_and_end_mark_is_tagged_cy_gb(welsh: Path) -> None:
    for path in outputs(welsh, ".pptx"):
        prs = Presentation(str(path))
        assert prs.core_properties.language == "cy-GB"
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.endswith(".xml") and name.startswith("ppt/"):
                    tags = set(re.findall(rb'\blang="([^"]*)"', z.read(name)))
                    assert tags <= {b"cy-GB"}, (path.name, name, tags)
        runs = [r for s in prs.slides for sh in s.shapes if sh.has_text_frame
                for p in sh.text_frame.paragraphs for r in p.runs]
        assert runs and all(r._r.find(f"{A}rPr").get("lang") == "cy-GB" for r in runs)


def test_every_word_document_defaults_and_styles_to_cy_gb(welsh: Path) -> None:
    for path in outputs(welsh, ".docx"):
        doc = Document(str(path))
        assert doc.core_properties.language == "cy-GB"
        styles = doc.styles.element
        defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
        assert defaults.get(f"{W}val") == "cy-GB", path.name
        tags = {el.get(f"{W}val") for el in styles.iter(f"{W}lang")}
        tags |= {el.get(f"{W}val") for el in doc.element.iter(f"{W}lang")}
        assert tags == {"cy-GB"}, (path.name, tags)


def test_every_pdf_is_marked_cy_gb_to_its_structure(welsh: Path) -> None:
    for path in outputs(welsh, ".pdf"):
        with pikepdf.open(path) as pdf:
            assert str(pdf.Root.Lang) == "cy-GB", path.name
            assert structure_langs(pdf.Root.StructTreeRoot) <= {"cy-GB"}, path.name


def test_every_web_page_is_marked_cy_gb(welsh: Path) -> None:
    for path in outputs(welsh, ".html"):
        page = html.fromstring(path.read_bytes())
        assert page.get("lang") == "cy-GB"
        assert set(page.xpath("//body//@lang")) <= {"cy-GB"}, path.name


def test_welsh_print_is_not_hyphenated(welsh: Path) -> None:
    from packgen.writers.pdf.data import common

    tp, _ = api.tailored(FIXTURE_PROJECT, "staff-short")
    assert common(tp, "x")["lang"]["hyphenate"] is True
    welsh_tp = dataclasses.replace(tp, pack=dataclasses.replace(tp.pack, language="cy-GB"))
    assert common(welsh_tp, "x")["lang"] == {"tag": "cy-GB", "language": "cy", "region": "GB",
                                             "hyphenate": False}
    for path in outputs(welsh, ".pdf"):
        lines = pdf_lines(path)
        broken = [a for a, b in zip(lines, lines[1:]) if a.endswith("-") and b[:1].islower()]
        assert not broken, (path.name, broken)


# --- the other language version --------------------------------------------------------------


WELSH_STATEMENT = "Mae'r pecyn hwn ar gael yn Gymraeg hefyd."
ENGLISH_STATEMENT = "This pack is also available in Welsh."


def test_nothing_says_another_version_exists_when_there_is_none(welsh: Path) -> None:
    for suffix, read in READERS.items():
        for path in outputs(welsh, suffix):
            said = [line for line in read(path) if line and "ar gael yn" in line]
            said += [line for line in read(path) if line and "in Welsh" in line]
            assert not said, path.name


def test_the_english_deck_title_slide_says_a_welsh_one_exists_in_english(
        announced: Path) -> None:
    prs = Presentation(str(next(announced.glob("staff-short/*-slides.pptx"))))
    first = prs.slides[0]
    paragraphs = [p for sh in first.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs]
    said = {"".join(r.text for r in p.runs): p for p in paragraphs}
    assert ENGLISH_STATEMENT in said and WELSH_STATEMENT not in said  # one language a frame
    assert {r._r.find(f"{A}rPr").get("lang") for r in said[ENGLISH_STATEMENT].runs} == {"en-GB"}


def test_the_english_guide_front_page_says_a_welsh_one_exists(announced: Path) -> None:
    folder = next(announced.glob("staff-short"))
    page = html.fromstring(next(folder.glob("*-guide.html")).read_bytes())
    (welsh,) = page.xpath('//header//p[@lang="cy-GB"]')
    assert welsh.text_content() == WELSH_STATEMENT
    assert ENGLISH_STATEMENT in page.xpath("//header")[0].text_content()
    with pdfplumber.open(next(folder.glob("*-guide.pdf"))) as pdf:
        first = pdf.pages[0].extract_text()
    assert ENGLISH_STATEMENT in first and WELSH_STATEMENT in first.replace("’", "'")
    with pikepdf.open(next(folder.glob("*-guide.pdf"))) as pdf:
        assert "cy-GB" in structure_langs(pdf.Root.StructTreeRoot)
    doc = Document(str(next(folder.glob("*-guide.docx"))))
    cover = {p.text: p for p in doc.paragraphs[:15]}
    assert ENGLISH_STATEMENT in cover
    run = cover[WELSH_STATEMENT].runs[0]
    assert run._r.find(f"{W}rPr/{W}lang").get(f"{W}val") == "cy-GB"


def test_the_english_handout_end_page_says_a_welsh_one_exists(announced: Path) -> None:
    folder = next(announced.glob("self-advocates"))
    english, welsh = ("You can get this easy read in Welsh too.",
                      "Gallwch gael y ddogfen hon yn Gymraeg hefyd.")
    page = html.fromstring(next(folder.glob("*-easy-read.html")).read_bytes())
    (marked,) = page.xpath('//footer//*[@lang="cy-GB"]')
    assert marked.text_content().strip() == welsh
    assert english in page.xpath("//footer")[0].text_content()
    with pdfplumber.open(next(folder.glob("*-easy-read.pdf"))) as pdf:
        last = pdf.pages[-1].extract_text().replace("\n", " ")
    assert english in last
    doc = Document(str(next(folder.glob("*-easy-read.docx"))))
    runs = [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs
            for r in p.runs if r.text == welsh]
    assert runs and runs[0]._r.find(f"{W}rPr/{W}lang").get(f"{W}val") == "cy-GB"
