"""A tailored pack built straight from model classes, for the deck builder's tests."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from where import FIXTURES

from packgen.model import (
    Activity,
    Break,
    Columns,
    Config,
    EasyReadRow,
    Image,
    ListBlock,
    ListItem,
    Loc,
    Module,
    Pack,
    Paragraph,
    Project,
    Quote,
    Slide,
    Space,
    SpacesDiagram,
    Span,
    Table,
    TailoredPack,
    Theme,
    Timetable,
    TimetableEntry,
)
from packgen.tailor.slideplan import with_plan

ROOT = FIXTURES / "project"
BUILT = dt.datetime(2026, 2, 1, 9, 30, tzinfo=dt.UTC)
COLOURS = {
    "text": "#1A1A1A", "background": "#FFFFFF", "accent": "#005A70", "accent_text": "#FFFFFF",
    "muted": "#4A4A4A", "surface": "#F2F5F7", "my_space": "#7A2E8E", "your_space": "#1F6F3F",
    "shared_space": "#B35000",
}
FONTS = {"heading": "Atkinson Hyperlegible Next", "body": "Atkinson Hyperlegible Next"}
L = Loc("content/modules/power.md", 5)


def t(text: str, **style: bool) -> tuple[Span, ...]:
    """Return one span of text as a Text."""
    return (Span(text, **style),)


def para(text: str) -> Paragraph:
    """Return a plain paragraph."""
    return Paragraph(t(text), L)


def image(name: str, alt: str, width: str | None = None, decorative: bool = False) -> Image:
    """Return a picture from the fixture project."""
    return Image(f"content/images/{name}", alt, L, width=width, decorative=decorative)


NOTES = (
    Paragraph((Span("Say this "), Span("slowly", bold=True), Span(" and "),
               Span("clearly", italic=True)), L),
    ListBlock((ListItem(t("point one"), (ListBlock((ListItem(t("sub point")),), False, L),)),
               ListItem(t("point two"))), False, L),
)

ACTIVITY = Activity("Map your meetings", 20, L, group="groups of 3 or 4", group_size=4,
                    intro=(para("Put each meeting in a space."),),
                    steps=(t("Write down one meeting."), t("Place it on the map.")),
                    debrief=(t("Which space had most meetings?"),))

SLIDES = (
    Slide(t("Who holds power?"), "content", (
        ListBlock((ListItem(t("Money"), (ListBlock((ListItem(t("grants")),), False, L),)),
                   ListItem((Span("Influence", bold=True),))), False, L),
        Paragraph((Span("Read "), Span("the guide", link="https://example.org/guide")), L),
    ), L, notes=NOTES),
    Slide(t("A picture"), "content", (image("power.png", "A raised hand", width="40%"),), L),
    Slide(t("Picture and text"), "content", (
        para("Power can be shared."), image("meeting.png", "People at a table", width="30%"),
        image("divider.png", "", decorative=True)), L),
    Slide(t("Plan"), "content", (Table(
        (t("Time"), t("What")), ((t("10:00"), t("Welcome")), (t("10:30"), t("Tea"))), L,
        ("left", "right")),), L),
    Slide(t("A quote"), "content", (Quote((para("Nothing about us without us."),), L),), L),
    Slide(t("Two sides"), "content", (
        Columns(((para("Left side"),), (para("Right side"),)), L),), L),
    Slide((), "content", (para("An untitled slide."),), L),
    Slide(t("Map your meetings"), "activity", (), L, notes=(para("Walk round the room."),),
          activity=ACTIVITY),
    Slide(t("The spaces"), "content", (SpacesDiagram(L),), L),
)

ROWS = (
    EasyReadRow((t("This workshop is about power."), t("Power means you can decide.")),
                image("meeting.png", "A group of people at a table"), L,
                notes=(para("Point at the picture."),)),
    EasyReadRow((t("My space is where you are in charge."),),
                image("my-space.png", "A person pointing at themselves"), L),
)

SPACES = (
    Space("my_space", "My space", "People with less power", "", "my_space"),
    Space("your_space", "Your space", "A council", "", "your_space"),
    Space("shared_space", "Shared space", "Everyone", "", "shared_space",
          overlaps=("my_space", "your_space")),
)


def sample(deck_style: str = "standard", spaces: tuple[Space, ...] = SPACES,
           layouts: dict[str, str] | None = None, template: str = "deck.pptx",
           root: Path = ROOT, slides: tuple[Slide, ...] = SLIDES) -> TailoredPack:
    """Return a tailored pack with one module holding every slide kind."""
    module = Module("power", "Power and control", 45, slides, L, objectives=("Say who decides",),
                    easy_read=ROWS, has_easy_read=True)
    welcome = Module("welcome", "Welcome", 10, (), L)
    pack = Pack("staff", "Talking coproduction", "staff", "Glanrhyd Council",
                dt.date(2026, 3, 3), 600, 90, "Room 2", ("Aled Morgan", "Priya Shah", "Sam Jones"),
                ("welcome", "power"), L, deck_style=deck_style, template=template,
                breaks=(Break(10, L, after="welcome"),))
    theme = Theme(COLOURS, FONTS, layouts=layouts or {})
    project = Project(root, {"power": module, "welcome": welcome}, {"staff": pack}, {}, spaces, (),
                      theme, Config())
    timetable = Timetable((
        TimetableEntry("module", "Welcome", 600, 10, "welcome"),
        TimetableEntry("break", "Break", 610, 10),
        TimetableEntry("module", "Power and control", 620, 45, "power"),
    ), 600, 90)
    return with_plan(TailoredPack(pack, (welcome, module), timetable, project, built=BUILT))


def many_slides(count: int) -> TailoredPack:
    """Return a pack whose one module has ``count`` content slides, each with notes."""
    slides = tuple(Slide(t(f"Slide {i}"), "content", (para(f"Point {i}"),), L, notes=NOTES)
                   for i in range(count))
    return sample(slides=slides)


def with_spaces(count: int) -> TailoredPack:
    """Return the sample pack with ``count`` base spaces and one shared space."""
    base = tuple(Space(f"s{i}", f"Space {i}", f"Holder {i}", "",
                       ("my_space", "your_space", "accent", "muted")[i % 4])
                 for i in range(count))
    shared = Space("shared", "Shared", "All", "", "shared_space", overlaps=("s0", "s1"))
    return dataclasses.replace(sample(), project=dataclasses.replace(
        sample().project, spaces=base + (shared,)))
