"""The guide and handout PDFs: tagged PDF/UA-1, sensible page breaks, content kept as text."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from guide_sample import make_pack as make_guide_pack
from guide_sample import png
from pdfcheck import artifact_images, body_lines, figure_alts, is_heading, structure_kinds
from where import REPO, copy_project

from packgen import api
from packgen.model import Image, Loc
from packgen.writers.pdf import engine
from packgen.writers.pdf.blocks import PrintData
from packgen.writers.pdf.data import guide_data
from packgen.writers.pdf.pages import write_guide, write_handout

PACKS = ("staff-short", "self-advocates")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    root = copy_project(tmp_path_factory.mktemp("p") / "project")
    out = tmp_path_factory.mktemp("out")
    found = {}
    for pack_id in PACKS:
        tp, _ = api.tailored(root, pack_id)
        for kind, write in (("guide", write_guide), ("handout", write_handout)):
            found[pack_id, kind] = out / f"{pack_id}-{kind}.pdf"
            write(tp, found[pack_id, kind])
    return found


@pytest.mark.parametrize("kind", ["guide", "handout"])
@pytest.mark.parametrize("pack_id", PACKS)
def test_pdf_is_tagged_pdf_ua_with_title_and_language(built, pack_id: str, kind: str) -> None:
    with pikepdf.open(built[pack_id, kind]) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root and root.MarkInfo.Marked
        assert str(root.Lang) == "en-GB"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title).endswith(("facilitator guide", "easy read"))
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
        kinds = structure_kinds(root.StructTreeRoot)
        assert all(figure_alts(root.StructTreeRoot))
    assert {"/H1", "/H2"} <= kinds
    assert ({"/Table", "/TH", "/L", "/LI"} if kind == "guide" else {"/Figure", "/L"}) <= kinds


def test_handout_figures_carry_their_alt_text(built) -> None:
    with pikepdf.open(built["self-advocates", "handout"]) as pdf:
        alts = figure_alts(pdf.Root.StructTreeRoot)
    assert "People arriving at a meeting" in alts


@pytest.mark.parametrize("kind", ["guide", "handout"])
@pytest.mark.parametrize("pack_id", PACKS)
def test_no_page_ends_on_a_heading_or_holds_only_a_line_or_two(built, pack_id: str,
                                                               kind: str) -> None:
    pages = body_lines(built[pack_id, kind])
    for number, lines in enumerate(pages[:-1], 1):
        assert len(lines) >= 3, f"page {number} holds only {[x['text'] for x in lines]}"
        last = lines[-1]
        assert not (is_heading(last) and not last["text"].endswith("(no notes)")), \
            f"page {number} ends on the heading {last['text']!r}"


SHIPPED = ("council-and-citizens", "self-advocates-easy-read", "staff-intro")


@pytest.mark.parametrize("pack_id", SHIPPED)
def test_the_shipped_packs_break_pages_well(tmp_path: Path, pack_id: str) -> None:
    tp, _ = api.tailored(REPO, pack_id)
    for kind, write in (("guide", write_guide), ("handout", write_handout)):
        write(tp, tmp_path / f"{kind}.pdf")
        pages = body_lines(tmp_path / f"{kind}.pdf")
        assert len(pages) <= 20
        for number, lines in enumerate(pages[:-1], 1):
            assert len(lines) >= 3, f"{kind} page {number}: {[x['text'] for x in lines]}"
            assert not (is_heading(lines[-1]) and not lines[-1]["text"].endswith("(no notes)"))


def test_guide_has_contents_with_page_numbers_and_the_plan(built) -> None:
    with pdfplumber.open(built["staff-short", "guide"]) as pdf:
        first = pdf.pages[0].extract_text()
        text = "\n".join(p.extract_text() for p in pdf.pages)
        pages = len(pdf.pages)
    assert "Contents" in first
    assert re.search(r"Session plan[ .]*\d+", first)
    assert "Slides and notes" in text and "Room and access checklist" in text
    assert 3 <= pages <= 20


def test_session_plan_repeats_its_header_row_on_every_page(tmp_path: Path) -> None:
    tp = make_guide_pack(tmp_path)
    entries = tp.timetable.entries + tuple(
        dataclasses.replace(tp.timetable.entries[2], title=f"Break {i}") for i in range(60))
    tp = dataclasses.replace(tp, timetable=dataclasses.replace(tp.timetable, entries=entries))
    write_guide(tp, tmp_path / "g.pdf")
    with pdfplumber.open(tmp_path / "g.pdf") as pdf:
        plan_pages = [p.extract_text() for p in pdf.pages if "Break 3" in (p.extract_text())
                      or "Break 59" in p.extract_text()]
    assert len(plan_pages) >= 2
    assert all("Time Minutes What happens Slides Materials" in t for t in plan_pages)


def test_handout_is_sane_in_length_and_ends_with_contact_details(built) -> None:
    with pdfplumber.open(built["self-advocates", "handout"]) as pdf:
        texts = [p.extract_text() for p in pdf.pages]
    assert 3 <= len(texts) <= 20
    assert "Easy read" in texts[0]
    assert "Welcome to the workshop." in "\n".join(texts)
    assert all(f"Page {i}" in t for i, t in enumerate(texts, 1))


def test_typst_syntax_in_content_comes_out_as_text(tmp_path: Path) -> None:
    tp = make_guide_pack(tmp_path)
    title = "Power #sys.exit() ] $x + 1$ [#panic()] @preview/x:1.0.0 // not a comment"
    tp = dataclasses.replace(tp, pack=dataclasses.replace(tp.pack, title=title))
    write_guide(tp, tmp_path / "g.pdf")
    write_handout(tp, tmp_path / "h.pdf")
    for name in ("g.pdf", "h.pdf"):
        with pdfplumber.open(tmp_path / name) as pdf:
            assert title in " ".join(pdf.pages[0].extract_text().split())


def test_decorative_pictures_are_artifacts_and_meaningful_ones_figures(tmp_path: Path) -> None:
    tp = make_guide_pack(tmp_path)
    png(tmp_path / "content" / "images" / "divider.png")
    where = Loc("content/modules/x.md", 3)
    pictures = PrintData().blocks([
        Image("content/images/divider.png", "", where, "2cm", decorative=True),
        Image("content/images/meeting.png", "People around a table", where, "3cm")])
    data = guide_data(tp)
    before = _open(engine.compile_pdf(tmp_path, "guide.typ", data, built=tp.built))
    data["modules"][0]["slides"][0]["notes"] += pictures
    after = _open(engine.compile_pdf(tmp_path, "guide.typ", data, built=tp.built))
    alts = figure_alts(after.Root.StructTreeRoot)
    assert sorted(alts) == sorted([*figure_alts(before.Root.StructTreeRoot), "People around a table"])
    assert all(alts)
    assert artifact_images(after) == artifact_images(before) + 1 >= 2


def test_a_meaningful_picture_without_alt_text_is_an_error_at_its_line(tmp_path: Path) -> None:
    from packgen.errors import PackgenError

    with pytest.raises(PackgenError) as caught:
        PrintData().blocks([Image("content/images/a.png", " ", Loc("content/modules/x.md", 9))])
    assert str(caught.value).startswith("content/modules/x.md:9: error: picture")


def _open(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def test_the_theme_logo_and_a_language_without_region_reach_the_pdf(tmp_path: Path) -> None:
    tp = make_guide_pack(tmp_path)
    logo = Image("content/images/meeting.png", "Glanrhyd Council logo", Loc("templates/x", 1))
    project = dataclasses.replace(
        tp.project, theme=dataclasses.replace(tp.project.theme, logo=logo))
    tp = dataclasses.replace(tp, project=project,
                             pack=dataclasses.replace(tp.pack, language="cy"))
    write_guide(tp, tmp_path / "g.pdf")
    write_handout(tp, tmp_path / "h.pdf")
    with pikepdf.open(tmp_path / "g.pdf") as pdf:
        assert "Glanrhyd Council logo" in figure_alts(pdf.Root.StructTreeRoot)
        assert str(pdf.Root.Lang) == "cy"
    with pikepdf.open(tmp_path / "h.pdf") as pdf:
        assert str(pdf.Root.Lang) == "cy"
