"""Tests for the easy-read handout: re-open the PDF, HTML and DOCX it writes and read them."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

import pdfplumber
import pikepdf
import pytest
from docx import Document
from docx.oxml.ns import qn
from easyread_sample import make_pack, picture
from pdfcheck import figure_alts
from where import REPO

from packgen.builders.handout import HandoutBuilder
from packgen.errors import Severity
from packgen.model import GlossaryEntry, Image, Loc
from packgen.rules import easy_read_words as ew
from packgen.rules.easy_read import check_pack, check_sentence, rules_for
from packgen.views.handout import credit_lines, handout_view
from packgen.wording import clock_easy_read, date_long, join_names

HARD_WORDS = ("coproduction", "power")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    out = tmp_path_factory.mktemp("out")
    tp = make_pack(root)
    outputs = HandoutBuilder().build(tp, out)
    return tp, {o.format: o.path for o in outputs}


@pytest.fixture(scope="module")
def pdf(built):
    with pdfplumber.open(built[1]["pdf"]) as doc:
        yield doc


def page_text(page) -> str:
    return page.extract_text() or ""


def test_writes_three_formats_named_for_the_pack(built):
    _, paths = built
    assert {fmt: p.name for fmt, p in paths.items()} == {
        "pdf": "talking-easy-read.pdf", "html": "talking-easy-read.html",
        "docx": "talking-easy-read.docx"}


def test_easy_read_findings_come_from_the_rules_once_not_from_the_builder(built, tmp_path):
    tp, _ = built
    from packgen.rules import run_pack_rules

    codes = [d.code for d in run_pack_rules(tp) if d.code in ("PG209", "PG210")]
    assert sorted(set(codes)) == ["PG209", "PG210"]
    assert len(codes) == len(set((d.code, d.path, d.line) for d in run_pack_rules(tp)
                                 if d.code in ("PG209", "PG210")))


def test_pdf_text_is_never_smaller_than_14pt_and_body_is_16pt(pdf):
    sizes = [round(c["size"], 1) for page in pdf.pages for c in page.chars]
    assert min(sizes) >= 14
    body = [round(c["size"], 1) for page in pdf.pages[1:] for c in page.chars
            if not c["text"].isdigit() and c["top"] < page.height - 80]
    assert min(body) >= 16


def test_every_row_picture_sits_left_of_its_text(pdf):
    checked = 0
    for page in pdf.pages[1:]:
        for image in page.images:
            beside = [c for c in page.chars
                      if c["top"] < image["bottom"] and c["bottom"] > image["top"]
                      and c["x0"] > image["x0"] - 1]
            assert beside, "a picture with no text beside it"
            assert min(c["x0"] for c in beside) > image["x1"]
            checked += 1
    assert checked == 5


def test_every_picture_is_centred_on_the_text_beside_it(pdf):
    for page in pdf.pages[1:]:
        for image in page.images:
            beside = [c for c in page.chars
                      if c["top"] < image["bottom"] and c["bottom"] > image["top"]
                      and c["x0"] > image["x1"]]
            text_middle = (min(c["top"] for c in beside) + max(c["bottom"] for c in beside)) / 2
            assert abs(text_middle - (image["top"] + image["bottom"]) / 2) < 4, page_text(page)


def test_pdf_uses_the_shipped_font_without_italics(pdf):
    fonts = {c["fontname"] for page in pdf.pages for c in page.chars}
    assert all("AtkinsonHyperlegibleNext" in f.replace("-", "") for f in fonts)
    assert not any("Italic" in f for f in fonts)


def test_hard_words_are_bold_at_first_use_only_and_listed(pdf):
    words = [w for page in pdf.pages[1:4]
             for w in page.extract_words(extra_attrs=["fontname"])]
    assert _font_after(words, "about", "coproduction") == "bold"
    assert _font_after(words, "there.", "Coproduction") == "regular"
    assert _font_after(words, "control", "Power") == "bold"
    assert _font_after(words, "more", "power") == "regular"
    hard_page = next(p for p in pdf.pages if "Hard words" in page_text(p))
    assert all(term in page_text(hard_page) for term in HARD_WORDS)


def _font_after(words, before: str, word: str) -> str:
    for first, second in zip(words, words[1:]):
        if first["text"] == before and second["text"] == word:
            return "bold" if "Bold" in second["fontname"] else "regular"
    raise AssertionError(f"'{before} {word}' not found")


def test_pdf_is_tagged_with_title_language_and_figure_alt_text(built):
    with pikepdf.open(built[1]["pdf"]) as doc:
        assert "/StructTreeRoot" in doc.Root
        assert str(doc.Root.Lang) == "en-GB"
        assert str(doc.docinfo["/Title"]) == "Talking coproduction: easy read"
        alts = figure_alts(doc.Root.StructTreeRoot)
    assert len(alts) == 6 and all(alts)


def test_pdf_has_page_numbers_cover_details_and_end_page(pdf):
    texts = [page_text(p) for p in pdf.pages]
    assert all(f"Page {i}" in t for i, t in enumerate(texts, 1))
    assert "Tuesday 3 March 2026" in texts[0] and "Glanrhyd Civic Centre" in texts[0]
    assert "01234 567890" in texts[-1] and "Sam Jones checked" in texts[-1]
    assert "Other formats" in texts[-1]
    assert not any("Extra reading" in t for t in texts)


def test_about_section_is_easy_read(built):
    tp, _ = built
    about = handout_view(tp).sections[0]
    lines = ["".join(p.text for p in line) for row in about.rows for line in row.lines]
    assert "The workshop is on Tuesday 3 March 2026." in lines
    assert "It starts at 10am." in lines and "There is a break at 10:15am." in lines
    rules = dataclasses.replace(rules_for(tp), sentence_words=15)
    assert [c for line in lines for c, _ in check_sentence(line, rules)] == []


def test_sample_sentences_stay_within_15_words(built):
    tp, _ = built
    view = handout_view(tp)
    sentences = ["".join(p.text for p in line) for s in view.sections for r in s.rows
                 for line in r.lines]
    assert max(ew.sentence_length(s) for s in sentences) <= 15


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.lang: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))
        if tag == "html":
            self.lang = dict(attrs).get("lang")


def test_html_is_self_contained_with_alt_on_every_image(built):
    html = built[1]["html"].read_text(encoding="utf-8")
    parser = _Images()
    parser.feed(html)
    assert parser.lang == "en-GB" and len(parser.images) == 6
    assert all(img.get("alt") for img in parser.images)
    assert all(img["src"].startswith("data:image/png;base64,") for img in parser.images)
    assert "url(\"data:font/ttf;base64," in html
    assert not re.search(r"(src|href)=\"(https?:|file:|/)", html)


def test_html_rows_centre_each_picture_on_its_words(built):
    html = built[1]["html"].read_text(encoding="utf-8")
    rule = re.search(r"\.row, \.idea\.word, \.hard-word \{([^}]*)\}", html)
    assert rule and "align-items: center;" in rule.group(1)
    assert "padding-top" not in re.search(r"\.words \{([^}]*)\}", html).group(1)


def test_html_has_headings_and_bold_hard_words_once(built):
    html = built[1]["html"].read_text(encoding="utf-8")
    assert html.count("<h1>") == 1 and "<h2>Hard words</h2>" in html
    assert html.count("<strong>coproduction</strong>") == 3  # first use, its box, the list
    assert "font-style: italic" not in html


def test_docx_reopens_with_alt_text_language_and_title(built):
    doc = Document(str(built[1]["docx"]))
    doc_prs = doc.element.body.findall(".//" + qn("wp:docPr"))
    assert len(doc_prs) == 6 and all(p.get("descr") for p in doc_prs)
    lang = doc.styles.element.find(".//" + qn("w:rPrDefault") + "//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"
    assert doc.core_properties.title == "Talking coproduction: easy read"
    assert doc.styles["Normal"].font.size.pt == 16


def test_docx_rows_are_picture_left_tables_that_never_split(built):
    doc = Document(str(built[1]["docx"]))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:4] == ["Talking coproduction", "About this workshop", "Welcome",
                            "Power and control"]
    rows = [row for table in doc.tables for row in table.rows]
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    pictured = [row for row in rows if row.cells[0]._tc.findall(".//" + qn("wp:docPr"))]
    assert len(pictured) == 5
    assert not doc.element.body.findall(".//" + qn("w:i"))


def test_designer_css_overrides_the_packaged_one(tmp_path):
    tp = make_pack(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "handout.css").write_text("h2 { color: #123456; }")
    from packgen.writers.html.handout import render_html

    html = render_html(tp, handout_view(tp))
    assert "#123456" in html and "@font-face" not in html


def test_easy_read_dates_and_times():
    import datetime as dt

    assert date_long(dt.date(2026, 3, 3)) == "Tuesday 3 March 2026"
    assert [clock_easy_read(m) for m in (600, 630, 720, 810, 0)] == [
        "10am", "10:30am", "12 noon", "1:30pm", "12 midnight"]
    assert join_names(("A", "B", "C")) == "A, B and C"


def test_detail_rows_use_project_pictures_with_the_content_alt_text(tmp_path):
    tp = make_pack(tmp_path)
    picture(tmp_path, "date")
    picture(tmp_path, "phone")
    view = handout_view(tp)
    date_row = view.sections[0].rows[0]
    assert date_row.picture.src == "content/images/date.png"
    assert date_row.picture.alt == "A calendar"
    assert view.sections[0].rows[1].picture is None
    contact = next(s for s in view.ending if s.id == "contact")
    assert contact.rows[0].picture.src == "content/images/phone.png"
    phone = Image("content/images/phone.png", "A red phone", Loc("content/glossary.yaml", 9))
    entry = GlossaryEntry("phone", "A phone lets you talk.", Loc("content/glossary.yaml", 8),
                          image=phone)
    tp = dataclasses.replace(tp, project=dataclasses.replace(tp.project, glossary=(entry,)))
    contact = next(s for s in handout_view(tp).ending if s.id == "contact")
    assert contact.rows[0].picture.alt == "A red phone"


def test_credits_list_each_attribution_once_for_pictures_shown(tmp_path):
    from types import SimpleNamespace

    tp = make_pack(tmp_path)
    shown = handout_view(tp).pictures
    credits = [SimpleNamespace(src="content/images/power.png", attribution="By Ann, CC BY 4.0"),
               SimpleNamespace(src="content/images/meeting.png", attribution="By Ann, CC BY 4.0"),
               SimpleNamespace(src="content/images/unused.png", attribution="By Bob, CC BY"),
               SimpleNamespace(src="content/images/together.png", attribution="")]
    assert credit_lines(credits, shown) == ["By Ann, CC BY 4.0"]


SHIPPED = REPO


SHIPPED_PACKS = sorted(p.stem for p in (SHIPPED / "content" / "packs").glob("*.yaml"))


@pytest.mark.parametrize("pack_id", SHIPPED_PACKS)
def test_shipped_handouts_keep_every_easy_read_rule(pack_id):
    from packgen.api import tailored

    tp, _ = tailored(SHIPPED, pack_id)
    warnings = [str(d) for d in check_pack(tp) if d.severity is Severity.WARNING]
    assert warnings == []
    view = handout_view(tp)
    sentences = [s for sec in view.sections for r in sec.rows for line in r.lines
                 for s in ew.split_sentences("".join(p.text for p in line))]
    assert sentences and max(ew.sentence_length(s) for s in sentences) <= 15
    assert all(r.picture for sec in view.sections[1:] for r in sec.rows)


def test_a_fake_picture_is_an_error_at_its_line_not_a_crash(tmp_path):
    from packgen.errors import PackgenError

    tp = make_pack(tmp_path)
    (tmp_path / "content" / "images" / "power.png").write_text("not a picture")
    with pytest.raises(PackgenError) as caught:
        HandoutBuilder().build(tp, tmp_path)
    (diag,) = caught.value.diagnostics
    assert (diag.path, diag.line) == ("content/modules/power.md", 30)
    assert not list(tmp_path.glob("*-easy-read.*"))


def test_cover_picture_and_a_pack_with_few_details(tmp_path):
    cover = Image(picture(tmp_path, "cover"), "People round a table", Loc("p.yaml", 20))
    tp = make_pack(tmp_path, cover=cover, facilitators=(), breaks=(), access=(), contact={},
                   checked_by=None)
    tp = dataclasses.replace(tp, timetable=dataclasses.replace(tp.timetable, entries=tuple(
        e for e in tp.timetable.entries if e.kind != "break")))
    view = handout_view(tp)
    assert view.cover == cover
    assert [len(r.lines) for r in view.sections[0].rows] == [1, 2, 1]
    assert [s.id for s in view.ending] == ["formats"]
    assert "Ask Glanrhyd Council" in view.ending[0].rows[0].lines[2][0].text


@pytest.mark.parametrize(("source", "line"), [
    ("<p>{{ view.nothing_here }}</p>", 1),
    ("<p>\n{% if %}</p>", 2),
    ("<p>\n\n{{ view.title.__class__ }}</p>", 3),
])
def test_a_broken_designer_template_is_an_error_not_a_crash(tmp_path, source, line):
    from packgen.errors import PackgenError
    from packgen.writers.html.handout import render_html

    tp = make_pack(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "handout.html").write_text(source)
    with pytest.raises(PackgenError) as caught:
        render_html(tp, handout_view(tp))
    (diag,) = caught.value.diagnostics
    assert (diag.path, diag.line) == ("templates/handout.html", line)


def test_pack_text_is_escaped_in_the_html(tmp_path):
    from packgen.writers.html.handout import render_html

    tp = make_pack(tmp_path, title="<script>alert(1)</script>", venue="A & B")
    html = render_html(tp, handout_view(tp))
    assert "<script>" not in html and "&lt;script&gt;" in html and "A &amp; B" in html


def test_docx_word_boxes_hold_the_hard_words_picture_in_a_shaded_box(tmp_path):
    from where import REPO

    from packgen.api import tailored
    from packgen.writers.docx.handout import write

    tp, _ = tailored(REPO, "staff-intro")
    write(tp, tmp_path / "easy-read.docx")
    doc = Document(str(tmp_path / "easy-read.docx"))
    boxes = [t for table in doc.tables for row in table.rows for t in row.cells[1].tables]
    assert boxes
    pictured = [b for b in boxes if b.rows[0].cells[0]._tc.findall(".//" + qn("wp:docPr"))]
    words = {e.term for e in tp.project.glossary if e.image}
    assert {b.rows[0].cells[-1].paragraphs[0].text for b in pictured} <= words
    assert pictured, "a glossary word with a picture shows it in its box"
    box = pictured[0].rows[0]
    assert box.cells[0]._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}") is not None
    assert box._tr.trPr.find(qn("w:cantSplit")) is not None


def test_docx_row_pictures_are_centred_against_their_sentences(built):
    doc = Document(str(built[1]["docx"]))
    rows = [row for table in doc.tables for row in table.rows
            if row.cells[0]._tc.findall(".//" + qn("wp:docPr")) and not row.cells[1].tables]
    from docx.enum.table import WD_ALIGN_VERTICAL

    assert rows and all(row.cells[0].vertical_alignment == WD_ALIGN_VERTICAL.CENTER
                        for row in rows)
