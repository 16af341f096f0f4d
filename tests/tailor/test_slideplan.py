"""The numbered slide sequence the deck renders and the guide quotes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from packgen.model import (
    Activity,
    Columns,
    Config,
    EasyReadRow,
    Image,
    Loc,
    Module,
    Pack,
    Paragraph,
    Project,
    Quote,
    Slide,
    SpacesDiagram,
    Span,
    Table,
    TailoredPack,
    Theme,
    Timetable,
)
from packgen.tailor.slideplan import plan, slide_kind, with_plan

LOC = Loc("content/modules/m.md", 1)


def _slide(title: str, *blocks, kind: str = "content", activity=None) -> Slide:
    return Slide(title=(Span(title),) if title else (), kind=kind, blocks=tuple(blocks), loc=LOC,
                 activity=activity)


def _tp(modules, deck_style="standard") -> TailoredPack:
    pack = Pack(id="p", title="Pack", audience="staff", organisation="Org",
                date=dt.date(2026, 3, 3), start=600, slot=60, venue="Here",
                facilitators=("A",), modules=tuple(m.id for m in modules), loc=LOC,
                deck_style=deck_style)
    project = Project(root=Path("."), modules={m.id: m for m in modules}, packs={"p": pack},
                      audiences={}, spaces=(), glossary=(),
                      theme=Theme(colours={}, fonts={}), config=Config())
    return with_plan(TailoredPack(pack=pack, modules=tuple(modules), project=project,
                            timetable=Timetable(entries=(), start=600, slot=60)))


def _para(text: str) -> Paragraph:
    return Paragraph((Span(text),), LOC)


def test_plan_numbers_title_agenda_sections_content_and_closing():
    one = Module(id="one", title="One", duration=10, loc=LOC,
                 slides=(_slide("First", _para("x")), _slide("", _para("y"))))
    two = Module(id="two", title="Two", duration=10, loc=LOC, slides=(_slide("Third"),))
    slides = plan(_tp([one, two]))
    assert [(s.number, s.kind, s.title) for s in slides] == [
        (1, "title", "Pack"), (2, "agenda", "Agenda"), (3, "section", "One"),
        (4, "content", "First"), (5, "content", ""), (6, "section", "Two"),
        (7, "content", "Third"), (8, "closing", "Thank you"),
    ]


def test_easy_read_deck_has_one_slide_per_row():
    rows = tuple(EasyReadRow(sentences=((Span(t),),), image=None, loc=LOC) for t in "ab")
    module = Module(id="m", title="M", duration=5, loc=LOC, slides=(_slide("S"),),
                    easy_read=rows, has_easy_read=True)
    slides = plan(_tp([module], deck_style="easy-read"))
    assert [s.kind for s in slides] == ["title", "agenda", "section", "easy-read", "easy-read",
                                        "closing"]
    assert [s.title for s in slides[3:5]] == ["A", "B"]


def _row(*lines: str, title: str = "", bold: str = "") -> EasyReadRow:
    text = tuple((Span(t),) for t in lines)
    if bold:
        text = ((Span("A "), Span(bold, bold=True), Span(" is here.")),) + text
    return EasyReadRow(sentences=text, image=None, loc=LOC,
                       title=(Span(title),) if title else ())


def _easy_titles(*rows: EasyReadRow, module_title: str = "Welcome") -> list[str]:
    module = Module(id="m", title=module_title, duration=5, loc=LOC, slides=(), easy_read=rows,
                    has_easy_read=True)
    return [s.title for s in plan(_tp([module], deck_style="easy-read"))
            if s.kind == "easy-read"]


def test_easy_read_slide_takes_the_rows_own_title():
    assert _easy_titles(_row("Welcome to our workshop.", title="Hello")) == ["Hello"]


def test_untitled_easy_read_slide_takes_its_bold_word_then_its_short_first_sentence():
    titles = _easy_titles(_row(bold="self-advocacy"), _row("We will have breaks."))
    assert titles == ["Self-advocacy", "We will have breaks"]


def test_untitled_easy_read_slides_never_count_and_never_repeat_a_title():
    long = "Some people have power because important people listen to them and more."
    titles = _easy_titles(_row(long), _row("Hello.", title="Welcome"), _row("Hi.", title="Hi"),
                          _row("Hi."))
    assert not any(" of " in t for t in titles)
    assert titles[:3] == ["Welcome", "Hello", "Hi"]
    assert len(set(titles[1:])) == 3


def test_slide_kind_follows_what_the_slide_holds():
    image = Image(src="content/images/a.png", alt="A", loc=LOC)
    table = Table(header=((Span("h"),),), rows=(), loc=LOC)
    activity = Activity(title="Do", minutes=5, loc=LOC)
    assert slide_kind(_slide("t", image)) == "picture"
    assert slide_kind(_slide("t", table)) == "table"
    assert slide_kind(_slide("t", Quote((_para("q"),), LOC))) == "quote"
    assert slide_kind(_slide("t", Columns(((_para("a"),), (_para("b"),)), LOC))) == "columns"
    assert slide_kind(_slide("t", SpacesDiagram(LOC))) == "diagram"
    assert slide_kind(_slide("t", _para("a"), image)) == "content"
    assert slide_kind(_slide("Do", kind="activity", activity=activity)) == "activity"
    assert slide_kind(_slide("S", kind="section")) == "section"



def test_tailoring_plans_the_deck_once_and_every_reader_takes_that_plan() -> None:
    import dataclasses

    from where import FIXTURE_PROJECT

    from packgen import api
    from packgen.views.guide import slides_by_module
    from packgen.writers.pptx.deck import build_deck

    tp, _ = api.tailored(FIXTURE_PROJECT, "staff-short")
    assert tp.slides == plan(tp)
    assert [s.number for s in tp.slides] == list(range(1, len(tp.slides) + 1))
    shorter = dataclasses.replace(tp, slides=tp.slides[:-1])  # no closing slide
    assert sum(map(len, slides_by_module(shorter).values())) == len(tp.slides) - 1
    assert len(build_deck(shorter).slides) == len(tp.slides) - 1
