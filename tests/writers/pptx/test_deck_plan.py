"""The deck as a trainer reads it: the timetable on screen, statements, tasks, notes, one close.

Every test reopens a built .pptx with python-pptx and checks what the room or the presenter
would see, with the times computed from the pack.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from deck_sample import sample
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from where import REPO, copy_project

from packgen import api
from packgen.builders import get_builder
from packgen.model import Activity, Loc, Paragraph, Slide, Span
from packgen.rules.template import check_pack_template
from packgen.tailor.slideplan import slide_kind
from packgen.views.smart import smart_string
from packgen.wording import clock, clock_easy_read

PACKS = ("council-and-citizens", "self-advocates-easy-read", "staff-intro")


def _build(tp, out: Path) -> Presentation:
    return Presentation(str(get_builder("deck").build(tp, out)[0].path))


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[object, Presentation]]:
    built = {}
    for pack in PACKS:
        tp, _ = api.tailored(REPO, pack)
        built[pack] = tp, _build(tp, tmp_path_factory.mktemp(pack))
    return built


def _title(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


FOOTERS = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)


def _body_text(slide) -> list[str]:
    """Return the slide's text paragraphs, title and footers left out, in reading order."""
    shapes = [s for s in slide.shapes if s.has_text_frame and s != slide.shapes.title
              and not (s.is_placeholder and s.placeholder_format.type in FOOTERS)]
    return [p.text for s in shapes for p in s.text_frame.paragraphs if p.text]


def _notes(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def _deck_clock(tp, minutes: int) -> str:
    return clock_easy_read(minutes) if tp.pack.deck_style == "easy-read" else clock(minutes)


@pytest.mark.parametrize("pack", PACKS)
def test_every_break_has_a_break_slide_saying_when_people_come_back(decks, pack) -> None:
    tp, prs = decks[pack]
    breaks = [e for e in tp.timetable.entries if e.kind == "break"]
    shown = [s for s in prs.slides if s.slide_layout.name == "Break"]
    assert [_title(s) for s in shown] == [e.title for e in breaks]
    for slide, entry in zip(shown, breaks):
        back = _deck_clock(tp, entry.start + entry.minutes)
        assert _body_text(slide) == [f"{entry.minutes} minutes", f"Back at {back}"]


def test_easy_read_return_time_is_twelve_hour_and_rounded_to_five_minutes(decks) -> None:
    tp, prs = decks["self-advocates-easy-read"]
    entry = next(e for e in tp.timetable.entries if e.kind == "break")
    slide = next(s for s in prs.slides if s.slide_layout.name == "Break")
    end = entry.start + entry.minutes
    rounded = (end + 2) // 5 * 5
    assert _body_text(slide)[-1] == f"Back at {rounded // 60 % 12 or 12}:{rounded % 60:02d}am"


def test_break_slides_sit_where_the_timetable_puts_them_and_the_guide_agrees(decks) -> None:
    from packgen.views.guide import session_plan

    tp, prs = decks["council-and-citizens"]
    rows = {r.title: r.slides for r in session_plan(tp) if r.kind == "break"}
    for number, slide in enumerate(prs.slides, start=1):
        if slide.slide_layout.name == "Break":
            assert rows[_title(slide)] == str(number)
            assert _title(prs.slides[number]) != ""  # the next module's section follows
            assert prs.slides[number].slide_layout.name == "Section Header"


@pytest.mark.parametrize("pack", PACKS)
def test_agenda_shows_every_part_of_the_day_at_its_clock_time(decks, pack) -> None:
    tp, prs = decks[pack]
    lines = _body_text(prs.slides[1])
    expected = [f"{_deck_clock(tp, e.start)}\t{e.title}" for e in tp.timetable.entries]
    assert [line.split(" (")[0] for line in lines] == expected


def test_easy_read_agenda_reads_like_10_30am_welcome(decks) -> None:
    _, prs = decks["self-advocates-easy-read"]
    assert _body_text(prs.slides[1])[0] == "10:30am\tWelcome"
    assert "Tea break" in " ".join(_body_text(prs.slides[1]))


@pytest.mark.parametrize("pack", PACKS)
def test_section_slides_carry_the_module_start_time_and_length(decks, pack) -> None:
    tp, prs = decks[pack]
    sections = [s for s in prs.slides if s.slide_layout.name == "Section Header"]
    assert len(sections) == len(tp.modules)
    for slide, module in zip(sections, tp.modules):
        entry = tp.timetable.entry_for(module.id)
        lines = _body_text(slide)
        assert lines[0] == f"{_deck_clock(tp, entry.start)}, {entry.minutes} minutes"
        if tp.pack.deck_style == "easy-read":
            assert len(lines) == 1
        else:
            assert lines[1:] == [smart_string(o) for o in module.objectives[:1]]


def test_short_sentences_become_statement_slides(decks) -> None:
    _, prs = decks["staff-intro"]
    statements = {_title(s): _body_text(s) for s in prs.slides
                  if s.slide_layout.name == "Statement"}
    assert set(statements) >= {"Told you have power, or have it?", "The trap",
                               "One next step", "Who can start can also stop"}
    assert statements["The trap"] == [
        "The people with the power believe, or pretend, that everyone is an equal partner."]


def test_statement_needs_one_or_two_whole_sentences_and_no_list() -> None:
    loc = Loc("m.md", 1)

    def kind(text: str) -> str:
        return slide_kind(Slide((Span("T"),), "content", (Paragraph((Span(text),), loc),), loc))

    assert kind("Being told you have power is not the same as having it.") == "statement"
    assert kind("One sentence. And another!") == "statement"
    assert kind("One. Two. Three.") == "content"
    assert kind("A phrase without a full stop") == "content"
    assert kind(" ".join(["word"] * 31) + ".") == "content"


def test_activity_slides_show_the_numbered_steps_time_and_grouping(decks) -> None:
    _, prs = decks["council-and-citizens"]
    slide = next(s for s in prs.slides if _title(s) == "Map your meetings"
                 and s.slide_layout.name == "Activity")
    lines = _body_text(slide)
    assert lines[:3] == ["Write each meeting on a sticky note.",
                         "Put it in the space where it really sits.", "Say who holds the power."]
    assert lines[3:] == ["15 minutes", "Groups of 3 or 4"]
    task = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
    numbered = [p._p.find(qn("a:pPr")).find(qn("a:buAutoNum")) for p in task.text_frame.paragraphs]
    assert all(n is not None for n in numbered)


def test_an_activity_without_an_intro_shows_its_steps(tmp_path: Path) -> None:
    tp = sample()
    loc = Loc("m.md", 1)
    steps = ((Span("Pick a meeting."),), (Span("Place it on the map."),))
    activity = Activity("Try it", 5, loc, "pairs", steps=steps)
    slide = Slide((Span("Try it"),), "activity", (), loc, activity=activity)
    module = dataclasses.replace(tp.modules[1], slides=(slide,))
    tp = dataclasses.replace(tp, modules=(tp.modules[0], module))
    from packgen.tailor.slideplan import with_plan

    prs = _build(with_plan(tp), tmp_path)
    shown = next(s for s in prs.slides if _title(s) == "Try it")
    assert _body_text(shown)[:2] == ["Pick a meeting.", "Place it on the map."]


@pytest.mark.parametrize("pack", PACKS)
def test_title_agenda_and_closing_slides_have_notes_written_from_the_pack(decks, pack) -> None:
    tp, prs = decks[pack]
    title, agenda, closing = _notes(prs.slides[0]), _notes(prs.slides[1]), _notes(prs.slides[-1])
    assert tp.pack.facilitators[0] in title and tp.pack.access[0] in title
    assert _deck_clock(tp, tp.timetable.start) in agenda
    for entry in (e for e in tp.timetable.entries if e.kind == "break"):
        assert f"{entry.title} at {_deck_clock(tp, entry.start)}" in agenda
    assert tp.pack.contact["phone"] in closing and "evaluation" in closing


@pytest.mark.parametrize("pack", PACKS)
def test_the_deck_ends_with_one_closing_slide(decks, pack) -> None:
    tp, prs = decks[pack]
    layouts = [s.slide_layout.name for s in prs.slides]
    assert layouts.count("Closing") == 1 and layouts[-1] == "Closing"
    text = [" ".join(_body_text(s)).casefold() for s in prs.slides]
    assert not any("thank you" in t or "goodbye" in t for t in text[:-1])
    assert tp.pack.contact["email"] in text[-1]
    if tp.pack.deck_style != "easy-read":
        assert not any(_title(s).startswith("Tell us what you think") for s in prs.slides)


def test_a_template_without_statement_and_break_layouts_falls_back_with_one_info_line(
        tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    (root / "templates").mkdir(exist_ok=True)
    Presentation().save(str(root / "templates" / "plain.pptx"))
    layouts = {"agenda": "Title and Content", "quote": "Title and Content",
               "picture": "Picture with Caption", "activity": "Two Content",
               "closing": "Title Slide"}
    tp = sample(template="plain.pptx", root=root, layouts=layouts)
    (tmp_path / "out").mkdir()
    prs = _build(tp, tmp_path / "out")
    used = {s.slide_layout.name for s in prs.slides}
    assert "Section Header" in used and not {"Statement", "Break"} & used
    infos = [d for d in check_pack_template(tp) if d.code == "PG410"]
    borrowed = ("template has no 'Statement' or 'Break' layout: statement and break slides "
                "use 'Section Header' instead (add them to design these slides)")
    assert [(d.severity, d.message) for d in infos] == [("info", borrowed)]


def test_template_check_reports_the_same_fallback(tmp_path: Path) -> None:
    Presentation().save(str(tmp_path / "plain.pptx"))
    shown, result = api.template_check(tmp_path, tmp_path / "plain.pptx")
    assert "  statement  'Section Header' (matched by name: no 'Statement' layout)" in shown
    assert "cannot" not in shown
    codes = [d.code for d in result.diagnostics]
    assert codes.count("PG410") == 1


@pytest.mark.parametrize("pack", ("council-and-citizens", "staff-intro"))
def test_the_standard_decks_use_every_slide_kind_where_it_fits(decks, pack) -> None:
    tp, prs = decks[pack]
    kinds = {s.kind for s in tp.slides}
    expected = {"title", "agenda", "section", "content", "columns", "picture", "quote",
                "table", "activity", "diagram", "statement", "closing"}
    assert expected <= kinds, expected - kinds
    assert ("break" in kinds) == any(e.kind == "break" for e in tp.timetable.entries)
    layouts = {s.slide_layout.name for s in prs.slides}
    assert {"Picture", "Quote", "Statement", "Activity", "Two Content"} <= layouts
