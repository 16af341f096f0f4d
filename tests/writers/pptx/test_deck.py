"""The deck builder, tested by re-opening the decks it writes with python-pptx."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import zipfile
from pathlib import Path

import office
import pdfplumber
import pytest
from deck_sample import BUILT, L, image, many_slides, para, sample, t, with_spaces
from deck_sample import ROOT as FIXTURE
from pptx import Presentation
from pptx.util import Emu

from packgen.builders import get_builder
from packgen.errors import PackgenError
from packgen.model import Columns, Loc, Quote, Slide, Timetable, TimetableEntry
from packgen.tailor import slideplan
from packgen.wording import date_long as long_date
from packgen.wording import join_names

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def build(tp, tmp_path: Path) -> Path:
    """Build the deck of ``tp`` into ``tmp_path`` and return its path."""
    outputs = get_builder("deck").build(tp, tmp_path)
    assert [(o.kind, o.format) for o in outputs] == [("deck", "pptx")]
    return outputs[0].path


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    path = build(sample(), tmp_path_factory.mktemp("deck"))
    return path, Presentation(str(path))


def titles(prs) -> list[str]:
    return [s.shapes.title.text_frame.text for s in prs.slides]


def slide_titled(prs, title: str):
    return next(s for s in prs.slides if s.shapes.title.text_frame.text == title)


def test_deck_renders_exactly_the_slide_plan_in_order(deck):
    _, prs = deck
    planned = slideplan.plan(sample())
    assert len(prs.slides) == len(planned)
    expected = [p.title or slideplan.untitled_name(p.module, p.number) for p in planned]
    assert titles(prs) == expected


def test_each_kind_uses_its_layout_by_name(deck):
    _, prs = deck
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts[:5] == ["Title Slide", "Agenda", "Section Header", "Break", "Section Header"]
    assert layouts[-1] == "Closing"
    by_title = {s.shapes.title.text_frame.text: s.slide_layout.name for s in prs.slides}
    assert by_title["Who holds power?"] == "Title and Content"
    assert by_title["A picture"] == "Picture"
    assert by_title["Plan"] == "Title Only"
    assert by_title["A quote"] == "Quote"
    assert by_title["Two sides"] == "Two Content"
    assert by_title["Map your meetings"] == "Activity"
    assert by_title["The spaces"] == "Title Only"


def test_title_slide_gives_organisation_full_date_and_facilitators(deck):
    _, prs = deck
    text = [s.text_frame.text for s in prs.slides[0].placeholders if s.has_text_frame]
    assert "Talking coproduction" in text
    assert "Glanrhyd Council\nTuesday 3 March 2026\nAled Morgan, Priya Shah and Sam Jones" in text


def test_agenda_lists_clock_time_title_and_minutes_with_breaks(deck):
    _, prs = deck
    body = next(s for s in prs.slides[1].placeholders if s.placeholder_format.idx == 1)
    assert body.text_frame.text.split("\n") == [
        "10:00\tWelcome (10\u00a0min)", "10:10\tBreak (10\u00a0min)", "10:20\tPower and control (45\u00a0min)"]


def test_notes_keep_emphasis_and_a_bulleted_list_with_levels(deck):
    _, prs = deck
    frame = slide_titled(prs, "Who holds power?").notes_slide.notes_text_frame
    paragraphs = frame.paragraphs
    assert [p.text for p in paragraphs] == [
        "Say this slowly and clearly", "point one", "sub point", "point two"]
    assert [r.font.bold for r in paragraphs[0].runs][1] is True
    assert [r.font.italic for r in paragraphs[0].runs][3] is True
    assert [p.level for p in paragraphs[1:]] == [0, 1, 0]
    for p in paragraphs[1:]:
        assert p._p.pPr.find(f"{A}buChar") is not None
    assert paragraphs[0]._p.pPr.find(f"{A}buNone") is not None


def test_content_lists_keep_levels_bold_and_links(deck):
    _, prs = deck
    body = slide_titled(prs, "Who holds power?").placeholders[1].text_frame
    assert [(p.text, p.level) for p in body.paragraphs] == [
        ("Money", 0), ("grants", 1), ("Influence", 0), ("Read the guide", 0)]
    assert body.paragraphs[2].runs[0].font.bold is True
    assert body.paragraphs[3].runs[1].hyperlink.address == "https://example.org/guide"


def pictures(slide):
    return [s for s in slide.shapes if s.shape_type == 13]


def descr(shape) -> str | None:
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")


def test_pictures_carry_alt_text_never_the_file_name(deck):
    _, prs = deck
    shapes = [p for s in prs.slides for p in pictures(s)]
    alts = {descr(p) for p in shapes}
    assert {"A raised hand", "People at a table"} <= alts
    assert not any(a and a.endswith(".png") for a in alts)


def test_decorative_picture_is_flagged_and_has_no_description(deck):
    _, prs = deck
    slide = slide_titled(prs, "Picture and text")
    flagged = [p for p in pictures(slide) if b"decorative" in
               __import__("lxml.etree").etree.tostring(p._element)]
    assert len(flagged) == 1 and descr(flagged[0]) is None


def test_image_width_is_honoured(deck):
    _, prs = deck
    slide = slide_titled(prs, "A picture")
    area = slide.slide_layout.placeholders[1].width
    assert abs(pictures(slide)[0].width - int(area * 0.4)) < Emu(2000)


def test_table_has_marked_header_row_and_every_cell(deck):
    _, prs = deck
    frame = next(s for s in slide_titled(prs, "Plan").shapes if s.has_table)
    table = frame.table
    assert table.first_row is True
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Time", "What"], ["10:00", "Welcome"], ["10:30", "Tea"]]
    assert min(r.font.size.pt for row in table.rows for c in row.cells
               for p in c.text_frame.paragraphs for r in p.runs) >= 18


def test_columns_fill_both_content_placeholders(deck):
    _, prs = deck
    slide = slide_titled(prs, "Two sides")
    bodies = sorted((s for s in slide.placeholders if s.placeholder_format.idx in (1, 2)),
                    key=lambda s: s.left)
    assert [b.text_frame.text for b in bodies] == ["Left side", "Right side"]


def test_text_after_a_columns_picture_sits_below_it_and_a_third_column_is_named(tmp_path):
    """The text Pandoc's two-column slide leaves out (PG168, PG169) is shown where the author
    wrote it, in a shape whose name says what it holds."""
    columns = Columns(((para("Left side"),),
                       (image("meeting.png", "A meeting"), para("Source: example.org")),
                       (para("Third"),)), L)
    slides = (Slide(t("Sourced"), "content", (columns,), L),)
    prs = Presentation(str(build(sample(slides=slides), tmp_path)))
    slide = slide_titled(prs, "Sourced")
    picture = next(s for s in slide.shapes if s.shape_type == 13)
    named = {s.name: s for s in slide.shapes if s.has_text_frame}
    source = named["Column 2 text below the picture"]
    assert source.text_frame.text == "Source: example.org"
    assert source.top >= picture.top + picture.height
    assert source.left <= picture.left < source.left + source.width
    assert named["Column 3 text"].text_frame.text == "Third"
    assert "Left side" in [s.text_frame.text for s in named.values()]


def test_untitled_slide_keeps_an_off_slide_title(deck):
    _, prs = deck
    planned = next(p for p in slideplan.plan(sample()) if not p.title)
    slide = prs.slides[planned.number - 1]
    assert slide.shapes.title.text_frame.text == slideplan.untitled_name(planned.module,
                                                                        planned.number)
    assert slide.shapes.title.top + slide.shapes.title.height <= 0


def test_activity_slide_shows_time_group_and_instructions(deck):
    _, prs = deck
    slide = slide_titled(prs, "Map your meetings")
    texts = [s.text_frame.text for s in slide.placeholders if s.placeholder_format.idx]
    assert "20 minutes\nGroups of 3 or 4" in texts
    assert "Put each meeting in a space." in texts
    notes = slide.notes_slide.notes_text_frame.text
    assert "Walk round the room." in notes and "Place it on the map." in notes


def test_every_run_and_part_is_in_the_pack_language(deck):
    path, prs = deck
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            data = z.read(name)
            assert b"en-US" not in data, name
            assert b"python-pptx" not in data, name
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                for p in shape.text_frame.paragraphs:
                    assert all(r._r.rPr.get("lang") == "en-GB" for r in p.runs)


def test_core_properties_come_from_the_pack(deck):
    _, prs = deck
    props = prs.core_properties
    assert props.title == "Talking coproduction"
    assert props.author == "Glanrhyd Council"
    assert props.language == "en-GB"
    stamp = BUILT.replace(tzinfo=None)
    assert props.created == stamp and props.modified == stamp


def test_slides_carry_footer_and_slide_number(deck):
    _, prs = deck
    slide = slide_titled(prs, "Who holds power?")
    types = {s.placeholder_format.type for s in slide.placeholders}
    assert {15, 13} <= {int(t) for t in types}


@pytest.mark.parametrize("count", [2, 3, 4, 5])
def test_spaces_diagram_draws_one_oval_per_base_space(tmp_path, count):
    prs = Presentation(str(build(with_spaces(count), tmp_path)))
    group = next(s for s in slide_titled(prs, "The spaces").shapes if s.shape_type == 6)
    ovals = [s for s in group.shapes if s.name.endswith(" oval")]
    labels = [s.text_frame.text for s in group.shapes if s.has_text_frame and s.text_frame.text]
    assert len(ovals) == count
    assert "Shared" in labels
    assert all(o.left + o.width <= prs.slide_width for o in ovals)
    assert "Diagram of overlapping spaces" in descr(group)


def test_easy_read_deck_has_one_slide_per_row_picture_left(tmp_path):
    tp = sample(deck_style="easy-read")
    prs = Presentation(str(build(tp, tmp_path)))
    assert len(prs.slides) == len(slideplan.plan(tp))
    rows = [s for s in prs.slides if s.slide_layout.name == "Easy Read"]
    assert len(rows) == 2
    picture, body = pictures(rows[0])[0], rows[0].placeholders[2]
    assert picture.left + picture.width <= body.left
    assert body.text_frame.text == "This workshop is about power.\nPower means you can decide."
    assert min(r.font.size.pt for p in body.text_frame.paragraphs for r in p.runs) >= 32
    assert rows[0].notes_slide.notes_text_frame.text == "Point at the picture."


def test_a_templates_sample_slides_are_left_out_of_the_deck(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "project")
    root = project_with_template(tmp_path / "project", with_slide=True)
    tp = sample(root=root, template="deck.pptx")
    path = build(tp, tmp_path)
    prs = Presentation(str(path))
    assert titles(prs)[0] == tp.pack.title and "Sample slide" not in titles(prs)
    assert len(prs.slides) == len(slideplan.plan(tp))
    with zipfile.ZipFile(path) as archive:
        parts = [n for n in archive.namelist() if n.startswith("ppt/slides/slide")]
        assert not any(b"Sample slide" in archive.read(n) for n in archive.namelist()
                       if n.endswith(".xml"))
    assert len(parts) == len(prs.slides)


def test_corrupt_template_is_one_line_error(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "deck.pptx").write_bytes(b"not a zip")
    with pytest.raises(PackgenError) as info:
        build(sample(root=tmp_path), tmp_path)
    assert "templates/deck.pptx: error: not a PowerPoint template" in str(info.value)
    assert "\n" not in str(info.value)


def test_a_missing_mapped_layout_names_it_and_the_closest_that_fits(tmp_path):
    with pytest.raises(PackgenError) as info:
        build(sample(layouts={"quote": "Quotes"}), tmp_path)
    message = str(info.value)
    assert "maps quote slides to layout 'Quotes', which the template lacks" in message
    assert "(did you mean 'Quote'?)" in message and len(message) < 200


def test_missing_placeholder_names_it(tmp_path):
    with pytest.raises(PackgenError, match="layout 'Title Only' lacks a body placeholder"):
        build(sample(layouts={"content": "Title Only"}), tmp_path)


def test_notes_part_names_stay_unique_in_a_long_deck(tmp_path):
    tp = many_slides(60)
    path = build(tp, tmp_path)
    with zipfile.ZipFile(path) as z:
        notes = [n for n in z.namelist() if n.startswith("ppt/notesSlides/notesSlide")]
    # 60 slides, the section slide, and the title, agenda, break and closing slides' notes
    assert len(notes) == len(set(notes)) == 65
    assert len(Presentation(str(path)).slides) == len(slideplan.plan(tp))


def test_friendly_forms():
    assert long_date(__import__("datetime").date(2026, 3, 3)) == "Tuesday 3 March 2026"
    assert join_names(["A", "B", "C"]) == "A, B and C"
    assert join_names(["A"]) == "A"


def project_with_template(tmp_path: Path, with_slide: bool) -> Path:
    """Return a project root whose templates/deck.pptx is the packaged one, maybe with a slide."""
    from packgen.paths import packaged_templates

    (tmp_path / "templates").mkdir(exist_ok=True)
    target = tmp_path / "templates" / "deck.pptx"
    shutil.copy(packaged_templates() / "deck.pptx", target)
    if with_slide:
        prs = Presentation(str(target))
        slide = prs.slides.add_slide(prs.slide_layouts[0])
        slide.shapes.title.text = "Sample slide"
        slide.notes_slide.notes_text_frame.text = "Sample slide notes"
        prs.save(str(target))
    return tmp_path


def test_converts_to_pdf_with_one_page_per_slide(tmp_path):
    tp = dataclasses.replace(sample())
    path = build(tp, tmp_path)
    with pdfplumber.open(office.convert(path, tmp_path)) as pdf:
        assert len(pdf.pages) == len(slideplan.plan(tp))


def test_deck_and_template_pass_openxml_audit(deck):
    import sys

    from packgen.paths import packaged_templates

    audit = Path(sys.executable).parent / "openxml-audit"
    if not audit.exists():
        pytest.skip("openxml-audit is not installed")
    path, _ = deck
    for target in (path, packaged_templates() / "deck.pptx"):
        result = subprocess.run([str(audit), "-f", "microsoft365", str(target)],
                                check=False, capture_output=True, text=True, timeout=120)
        assert "Errors: 0" in result.stdout, result.stdout


def test_long_agenda_flows_into_a_second_column_in_order(tmp_path):
    tp = sample()
    entries = tuple(TimetableEntry("module", f"Part {i}", 600 + 10 * i, 10, "power")
                    for i in range(14))
    tp = dataclasses.replace(tp, timetable=Timetable(entries, 600, 140))
    prs = Presentation(str(build(tp, tmp_path)))
    agenda = prs.slides[1]
    frames = [s for s in agenda.shapes if s.has_text_frame and s != agenda.shapes.title]
    text = [p.text for f in sorted(frames, key=lambda f: f.left) for p in f.text_frame.paragraphs]
    assert [t.split("\t")[1].split(" (")[0] for t in text if "\t" in t] == [
        f"Part {i}" for i in range(14)]
    assert any(s.name == "Agenda, continued" for s in agenda.shapes)


def test_theme_colours_and_fonts_reach_the_theme_part(tmp_path):
    tp = sample()
    colours = dict(tp.project.theme.colours, accent="#123456")
    theme = dataclasses.replace(tp.project.theme, colours=colours, source="templates/theme.yaml")
    tp = dataclasses.replace(tp, project=dataclasses.replace(tp.project, theme=theme))
    with zipfile.ZipFile(build(tp, tmp_path)) as z:
        xml = z.read("ppt/theme/theme1.xml").decode()
    assert '<a:accent1><a:srgbClr val="123456"/>' in xml
    assert 'typeface="Atkinson Hyperlegible Next"' in xml


def test_theme_layout_override_and_slide_choice_pick_layouts_by_name(tmp_path):
    slides = (Slide(t("Chosen"), "content", (para("x"),), L, layout="Quote"),
              Slide(t("Mapped"), "content", (Quote((para("y"),), L),), L))
    tp = sample(slides=slides, layouts={"quote": "Title and Content"})
    prs = Presentation(str(build(tp, tmp_path)))
    assert slide_titled(prs, "Chosen").slide_layout.name == "Quote"
    assert slide_titled(prs, "Mapped").slide_layout.name == "Title and Content"


def test_fixture_project_builds_end_to_end(tmp_path):
    from packgen import api

    result = api.build(FIXTURE, out_dir=tmp_path, kinds=("deck",), force=True)
    assert not [d for d in result.diagnostics if d.severity.value == "error"]
    for pack_id in ("staff-short", "self-advocates"):
        tp, _ = api.tailored(FIXTURE, pack_id)
        prs = Presentation(str(tmp_path / pack_id / f"{pack_id}-slides.pptx"))
        planned = slideplan.plan(tp)
        assert titles(prs) == [p.title or slideplan.untitled_name(p.module, p.number)
                               for p in planned]
        for slide in prs.slides:
            for picture in pictures(slide):
                assert not (descr(picture) or "").endswith(".png")


def test_a_foreign_template_lists_every_kind_without_a_layout_at_once(tmp_path):
    from pptx import Presentation as New

    (tmp_path / "templates").mkdir()
    prs = New()
    for layout in list(prs.slide_layouts):
        if layout.name not in ("Title Slide", "Title Only", "Blank"):
            prs.slide_layouts.remove(layout)
    prs.save(str(tmp_path / "templates" / "deck.pptx"))
    with pytest.raises(PackgenError) as info:
        build(sample(root=tmp_path), tmp_path)
    lines = str(info.value).splitlines()
    kinds = {line.split(" fits ")[1].split(" slides")[0] for line in lines}
    assert {"agenda", "content", "quote", "activity"} <= kinds
    assert all(line.startswith("templates/deck.pptx: error: no layout fits ") for line in lines)
    assert all(len(line) < 200 for line in lines)


def test_picture_caption_sits_under_the_picture(tmp_path):
    pic = dataclasses.replace(image("power.png", "A raised hand"), caption="Power in action")
    tp = sample(slides=(Slide(t("Captioned"), "content", (pic,), L),))
    slide = slide_titled(Presentation(str(build(tp, tmp_path))), "Captioned")
    picture = pictures(slide)[0]
    caption = next(s for s in slide.shapes if s.has_text_frame
                   and s.text_frame.text == "Power in action")
    assert caption.top >= picture.top + picture.height


def test_a_file_that_is_no_picture_is_one_error_at_its_line(tmp_path):
    (tmp_path / "content" / "images").mkdir(parents=True)
    (tmp_path / "content" / "images" / "fake.png").write_text("I am text\n")
    fake = dataclasses.replace(image("fake.png", "A meeting"), loc=Loc("content/modules/m.md", 9))
    tp = sample(root=tmp_path, slides=(Slide(t("Fake"), "content", (fake,), L),))
    with pytest.raises(PackgenError) as info:
        build(tp, tmp_path)
    assert str(info.value).startswith("content/modules/m.md:9: error: 'fake.png' is not a picture")
    assert "\n" not in str(info.value) and "0x" not in str(info.value)


def test_activity_on_a_one_body_layout_keeps_its_time_and_group(tmp_path):
    tp = sample(layouts={"activity": "Title and Content"})
    slide = slide_titled(Presentation(str(build(tp, tmp_path))), "Map your meetings")
    body = slide.placeholders[1].text_frame
    assert body.paragraphs[0].text == "20 minutes \u00b7 Groups of 3 or 4"
    assert body.paragraphs[1].text == "Put each meeting in a space."


def test_reading_order_is_title_then_picture_then_text_on_easy_read_slides(tmp_path):
    prs = Presentation(str(build(sample(deck_style="easy-read"), tmp_path)))
    row = next(s for s in prs.slides if s.slide_layout.name == "Easy Read")
    kinds = [("title" if s == row.shapes.title else "picture" if s.shape_type == 13 else "text")
             for s in row.shapes if not s.is_placeholder or s.placeholder_format.type not in
             (13, 15)]
    assert kinds == ["title", "picture", "text"]


@pytest.mark.parametrize("name", ["../outside.pptx", "/etc/hostname.pptx", "sub/../../x.pptx"])
def test_template_outside_templates_folder_is_refused(tmp_path, name):
    (tmp_path / "outside.pptx").write_bytes(b"")
    with pytest.raises(PackgenError, match="must name a file inside templates/"):
        build(sample(root=tmp_path / "project", template=name), tmp_path)


def test_a_named_template_that_is_missing_is_an_error_not_the_default(tmp_path):
    with pytest.raises(PackgenError, match="template 'brand.pptx' not found in templates/"):
        build(sample(root=tmp_path, template="brand.pptx"), tmp_path)


def test_zip_bomb_shaped_template_is_refused_before_opening(tmp_path):
    (tmp_path / "templates").mkdir()
    with zipfile.ZipFile(tmp_path / "templates" / "deck.pptx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<x/>")
        with z.open("ppt/presentation.xml", "w", force_zip64=True) as member:
            for _ in range(210):
                member.write(bytes(1024 * 1024))
    with pytest.raises(PackgenError, match="zip bomb"):
        build(sample(root=tmp_path), tmp_path)
