"""The facilitator guide builder, tested by reopening the PDF, HTML and DOCX it writes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import docx
import docx.text.paragraph
import pdfplumber
import pikepdf
import pytest
from guide_sample import BUILT, make_pack
from where import FIXTURES

from packgen.builders import get_builder
from packgen.builders.guide import GuideBuilder
from packgen.model import plain


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("project")
    tp = make_pack(root)
    out = tmp_path_factory.mktemp("out")
    outputs = GuideBuilder().build(tp, out)
    return tp, {o.format: o.path for o in outputs}


@pytest.fixture(scope="module")
def pdf_text(built) -> str:
    with pdfplumber.open(built[1]["pdf"]) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def every_paragraph(document) -> list[docx.text.paragraph.Paragraph]:
    """Return the body's paragraphs in reading order, those in tables and boxes included."""
    return [docx.text.paragraph.Paragraph(p, document) for p in
            document.element.body.iter(docx.oxml.ns.qn("w:p"))]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_builder_is_registered_and_writes_three_named_files(built) -> None:
    _, paths = built
    assert get_builder("guide").formats == ("pdf", "html", "docx")
    assert {p.name for p in paths.values()} == {
        "staff-day-guide.pdf", "staff-day-guide.html", "staff-day-guide.docx"}
    assert all(p.stat().st_size > 0 for p in paths.values())


def test_pdf_holds_every_slide_note_and_activity_step_in_order(built, pdf_text) -> None:
    tp, _ = built
    text = squash(pdf_text)
    expected: list[str] = []
    for module in tp.modules:
        for slide in module.slides:
            if slide.activity is not None:
                expected += [plain(s) for s in slide.activity.steps]
                expected += [plain(q) for q in slide.activity.debrief]
            expected += [plain(b.text) for b in slide.notes if hasattr(b, "text")]
    position = 0
    for phrase in expected:
        found = text.find(phrase, position)
        assert found >= 0, f"missing or out of order: {phrase!r}"
        position = found


def test_pdf_shows_plan_times_and_slide_numbers(pdf_text) -> None:
    text = squash(pdf_text)
    for phrase in ("10:00–10:15", "10:45–10:55", "Tea break", "1–5", "6–10", "12–16",
                   "Slide 11 Tea break",
                   "Slide 10 Activity: Map your meetings", "Page 2 of"):
        assert phrase in text


def test_pdf_is_tagged_with_title_and_language(built) -> None:
    with pikepdf.open(built[1]["pdf"]) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert root.MarkInfo.Marked
        assert str(root.Lang) == "en-GB"
        assert bool(root.ViewerPreferences.DisplayDocTitle)
        assert str(pdf.docinfo.Title) == "Talking coproduction: facilitator guide"
        assert str(pdf.docinfo.CreationDate).startswith("D:20260301093000")
        assert pdf.pdf_version == "1.7"
        assert all(float(p.MediaBox[2]) == pytest.approx(595.28, abs=1) for p in pdf.pages)


def test_pdf_embeds_the_theme_font(built) -> None:
    with pikepdf.open(built[1]["pdf"]) as pdf:
        names = {str(f.BaseFont) for p in pdf.pages for f in p.Resources.Font.values()}
    assert any("AtkinsonHyperlegibleNext" in n for n in names)


def test_pdf_is_the_same_bytes_when_built_again(built, tmp_path: Path) -> None:
    tp, paths = built
    again = GuideBuilder().build(tp, tmp_path)
    assert {o.path.read_bytes() for o in again if o.format == "pdf"} == {
        paths["pdf"].read_bytes()}
    assert (tmp_path / "staff-day-guide.html").read_bytes() == paths["html"].read_bytes()


class TableReader(HTMLParser):
    """Collect the plan table's header cells and the document's images and title."""

    def __init__(self) -> None:
        super().__init__()
        self.in_plan = False
        self.headers: list[dict[str, str | None]] = []
        self.img_srcs: list[str] = []
        self.img_alts: list[str | None] = []
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "html":
            self.lang = attr.get("lang")
        if tag == "table" and "plan-table" in (attr.get("class") or ""):
            self.in_plan = True
        if tag == "th" and self.in_plan:
            self.headers.append(attr)
        if tag == "img":
            self.img_srcs.append(attr.get("src") or "")
            self.img_alts.append(attr.get("alt"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.in_plan = False


def test_html_has_the_plan_as_a_real_table_with_header_cells(built) -> None:
    html = built[1]["html"].read_text(encoding="utf-8")
    reader = TableReader()
    reader.feed(html)
    assert len(reader.headers) == 5
    assert all(h.get("scope") == "col" for h in reader.headers)
    assert reader.lang == "en-GB"
    assert "<title>Talking coproduction: facilitator guide</title>" in html
    assert re.search(r"<h1>Talking coproduction</h1>", html)


def test_html_is_self_contained(built) -> None:
    html = built[1]["html"].read_text(encoding="utf-8")
    reader = TableReader()
    reader.feed(html)
    assert reader.img_srcs and all(s.startswith("data:image/") for s in reader.img_srcs)
    assert all(alt is not None for alt in reader.img_alts)
    assert not re.search(r"""(src|href)=["'](?!data:|#|https?:)""", html)
    assert "@font-face" in html and "url(\"data:font/ttf;base64," in html


def test_docx_reopens_with_heading_and_list_styles(built) -> None:
    document = docx.Document(str(built[1]["docx"]))
    styles = {p.style.name for p in every_paragraph(document)}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"} <= styles
    assert {"List Bullet", "List Bullet 2", "List Number", "List Number 2"} <= styles
    headings = [p.text for p in every_paragraph(document) if p.style.name == "Heading 1"]
    assert headings == ["Session plan", "Materials checklist", "Room and access checklist",
                        "Welcome", "Power and control", "My space"]
    steps = [p.text for p in every_paragraph(document) if p.style.name == "List Number"]
    assert steps[:2] == ["Read it", "Ask"]
    assert steps[2:5] == ["Each person writes down one meeting they go to.",
                         "Put the sticky note in the space where the meeting sits.",
                         "Talk in your group about who holds power there."]


def test_docx_numbered_lists_restart_at_one(built) -> None:
    document = docx.Document(str(built[1]["docx"]))
    numbered = {p.text: p._p.pPr.numPr.numId.val for p in every_paragraph(document)
                if p.style.name == "List Number"}
    assert numbered["Read it"] == numbered["Ask"]
    assert numbered["Read it"] != numbered["Each person writes down one meeting they go to."]


def test_docx_plan_table_has_a_header_row_and_the_times(built) -> None:
    document = docx.Document(str(built[1]["docx"]))
    plan = document.tables[0]
    assert plan.style.name == "Guide Table"
    assert [c.text for c in plan.rows[0].cells] == [
        "Time", "Minutes", "What happens", "Slides", "Materials"]
    assert plan.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
    assert [r.cells[0].text for r in plan.rows[1:]] == [
        "10:00–10:15", "10:15–10:45", "10:45–10:55", "10:55–11:15"]


def test_docx_properties_language_and_alt_text(built) -> None:
    document = docx.Document(str(built[1]["docx"]))
    props = document.core_properties
    assert props.title == "Talking coproduction: facilitator guide"
    assert props.language == "en-GB"
    assert props.created == BUILT and props.modified == BUILT
    styles_xml = document.styles.element.xml
    assert 'w:val="en-GB"' in styles_xml
    alts = [d.get("descr") for d in document.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert alts == ["A small teal square"]


@pytest.mark.skipif(shutil.which("openxml-audit") is None
                    and not (Path(sys.executable).parent / "openxml-audit").exists(),
                    reason="openxml-audit not installed")
def test_docx_passes_openxml_audit(built) -> None:
    tool = shutil.which("openxml-audit") or str(Path(sys.executable).parent / "openxml-audit")
    result = subprocess.run([tool, "-f", "microsoft365", str(built[1]["docx"])],
                            capture_output=True, text=True, check=False)
    assert "Errors: 0" in result.stdout, result.stdout


def test_guide_module_does_not_import_typst_or_docx() -> None:
    code = ("import sys, packgen.builders.guide; "
            "print('typst' in sys.modules, 'docx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["False", "False"]


FIXTURE = FIXTURES / "project"


@pytest.mark.parametrize("pack_id", ["staff-short", "self-advocates"])
def test_fixture_project_guide_quotes_every_deck_slide_in_order(pack_id: str,
                                                                 tmp_path: Path) -> None:
    from packgen import api
    from packgen.tailor.slideplan import plan as slide_plan

    tp, _ = api.tailored(FIXTURE, pack_id)
    outputs = {o.format: o.path for o in GuideBuilder().build(tp, tmp_path)}
    with pdfplumber.open(outputs["pdf"]) as pdf:
        text = squash("\n".join(page.extract_text() or "" for page in pdf.pages))
    position = text.find("Slides and notes")
    for planned in slide_plan(tp):
        found = text.find(f"Slide {planned.number} ", position)
        assert found > position, f"slide {planned.number} missing or out of order"
        assert text[found:].split(" ", 2)[2].startswith(
            ("Activity: " if planned.kind == "activity" else "") + (planned.title or "")[:20])
        position = found
    document = docx.Document(str(outputs["docx"]))
    slide_headings = [p.text for p in every_paragraph(document)
                      if p.style.name == "Heading 3" and p.text.startswith("Slide ")]
    assert [h.split(" ")[1] for h in slide_headings] == [
        str(s.number) for s in slide_plan(tp)]


def test_build_lists_the_guide_in_the_manifest(tmp_path: Path) -> None:
    import json

    from packgen import api

    result = api.build(FIXTURE, ["staff-short"], tmp_path, kinds=["guide"])
    assert not result.failed
    manifest = json.loads((tmp_path / "staff-short" / "manifest.json").read_text())
    guide = sorted((o["format"], o["path"]) for o in manifest["outputs"] if o["kind"] == "guide")
    assert guide == [("docx", "staff-short-guide.docx"), ("html", "staff-short-guide.html"),
                     ("pdf", "staff-short-guide.pdf")]


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_docx_contents_is_a_toc_field_with_its_lines_written_in(built) -> None:
    document = docx.Document(str(built[1]["docx"]))
    body = document.element.body
    instructions = [t.text for t in body.iter(f"{W}instrText")]
    assert instructions[0].strip().startswith("TOC \\o \"1-1\"")
    lines = [p for p in every_paragraph(document) if p.style.name == "toc 1"]
    headings = [p.text for p in every_paragraph(document) if p.style.name == "Heading 1"]
    assert [p.text.rsplit("\t", 1)[0] for p in lines] == headings
    pages = [int(p.text.rsplit("\t", 1)[1]) for p in lines]
    assert pages == sorted(pages) and pages[0] == 2  # the session plan starts page 2
    anchors = {link.get(f"{W}anchor") for link in body.iter(f"{W}hyperlink")}
    marks = {m.get(f"{W}name") for m in body.iter(f"{W}bookmarkStart")}
    assert len(marks) == len(headings) and marks <= anchors


def test_docx_activities_sit_in_a_shaded_box_kept_on_one_page(built) -> None:
    tp, paths = built
    document = docx.Document(str(paths["docx"]))
    boxes = [t for t in document.tables if t.rows[0].cells[0]._tc.find(
        f"{W}tcPr/{W}shd") is not None and "Activity:" in t.rows[0].cells[0].text]
    from packgen.views.guide import module_guides

    guides = module_guides(tp)
    activities = [s for g in guides for s in (*g.slides, *g.closing) if s.activity] + \
        [a for g in guides for a in g.extra_activities]
    assert len(boxes) == len(activities)
    box = boxes[0].rows[0]
    edge = box.cells[0]._tc.find(f"{W}tcPr/{W}tcBorders/{W}left")
    assert edge.get(f"{W}val") == "single"
    assert box._tr.trPr.find(f"{W}cantSplit") is not None
    text = box.cells[0].text
    assert "Steps" in text and "minutes" in text and "Debrief questions" in text


def test_docx_checklists_have_boxes_to_tick(built) -> None:
    document = docx.Document(str(built[1]["docx"]))
    materials = document.tables[1]
    assert materials.rows[0].cells[0].text == "Item"
    assert all(r.cells[0].text.startswith("\u2610") for r in materials.rows[1:])
    room = [p.text for p in document.paragraphs if p.style.name == "Checklist"]
    assert room and all(t.startswith("\u2610\t") for t in room)


def test_docx_headings_keep_with_the_paragraph_after_them(built) -> None:
    document = docx.Document(str(built[1]["docx"]))
    headings = [p for p in every_paragraph(document) if p.style.name.startswith("Heading")]
    assert headings and all(p.paragraph_format.keep_with_next or
                            p.style.paragraph_format.keep_with_next for p in headings)
    plan = document.tables[0]
    assert all(r._tr.trPr.find(f"{W}cantSplit") is not None for r in plan.rows)
