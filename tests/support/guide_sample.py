"""A small tailored pack built straight from model classes, for the guide's tests."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from dataclasses import replace
from pathlib import Path

from packgen.model import (
    Activity,
    Audience,
    Break,
    Config,
    EasyReadRow,
    Image,
    ListBlock,
    ListItem,
    Loc,
    Material,
    Module,
    Pack,
    Paragraph,
    Project,
    Slide,
    Span,
    Table,
    TailoredPack,
    Theme,
    Timetable,
    TimetableEntry,
    Tip,
)
from packgen.tailor.slideplan import with_plan

COLOURS = {"text": "#1A1A1A", "background": "#FFFFFF", "accent": "#005A70",
           "accent_text": "#FFFFFF", "muted": "#4A4A4A", "surface": "#F2F5F7"}
BUILT = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


def t(text: str, **kw: object) -> tuple[Span, ...]:
    """Return one span of text."""
    return (Span(text, **kw),)


def para(text: str, line: int = 1) -> Paragraph:
    """Return a paragraph."""
    return Paragraph(t(text), Loc("content/modules/x.md", line))


def bullets(*items: str, children: tuple[ListBlock, ...] = ()) -> ListBlock:
    """Return a bullet list; ``children`` nest under the last item."""
    made = [ListItem(t(i)) for i in items]
    made[-1] = ListItem(made[-1].text, children)
    return ListBlock(tuple(made), False, Loc("content/modules/x.md", 1))


def png(path: Path) -> None:
    """Write a tiny valid PNG (8x8, teal)."""
    raw = b"".join(b"\x00" + bytes((0, 90, 112)) * 8 for _ in range(8))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def loc(line: int = 1) -> Loc:
    return Loc("content/modules/x.md", line)


MAP_MEETINGS = Activity(
    title="Map your meetings", minutes=20, loc=loc(40), group="groups of 3 or 4", group_size=4,
    intro=(para("Put each meeting in one of the spaces."),),
    materials=(Material("Flipchart paper", 1, "group"), Material("Sticky notes", 1, "participant"),
               Material("Marker pens", 2, "group")),
    steps=(t("Each person writes down one meeting they go to."),
           t("Put the sticky note in the space where the meeting sits."),
           t("Talk in your group about who holds power there.")),
    debrief=(t("Which space did most meetings sit in?"), t("What would move a meeting?")),
    tips=(Tip("staff", (para("Ask managers to go last."),)),
          Tip("self-advocates", (para("Use pictures of real meetings."),))),
    notes=(para("Walk round the groups; keep time."),),
)
DRAW_SPACE = Activity(
    title="Draw your space", minutes=10, loc=loc(70),
    materials=(Material("Flipchart paper", 2, "session"),
               Material("Marker pens", 1, "participant")),
    steps=(t("Draw a circle for your own space."), t("Write three things you decide there.")),
)


def modules(extra_slides: int = 0) -> tuple[Module, ...]:
    """Return three modules: welcome, power (with table, picture, activity), my-space."""
    welcome = Module(
        "welcome", "Welcome", 15,
        (Slide(t("Welcome to Glanrhyd Council"), "content", (para("Hello."),), loc(5),
               notes=(Paragraph((Span("Introduce yourself and "), Span("the day", bold=True),
                                 Span(". See "), Span("the charter", link="https://example.org"),
                                 Span(".")), loc(6)),
                      bullets("Fire exits", "Toilets", children=(bullets("Ground floor"),)))),
         Slide((), "content", (para("Who is here?"),), loc(12),
               notes=(para("Go round the room: names only."),)))
        + tuple(Slide(t(f"Extra point {i}"), "content", (para(f"Point {i}."),), loc(20 + i),
                      notes=(para(f"Say point {i} in your own words."),))
                for i in range(1, extra_slides + 1)),
        loc(1), objectives=("Know who is in the room",),
        key_messages=("Everyone here has something to say",),
        materials=(Material("Name badges", 1, "participant"), Material("Flipchart", 1)))
    power = Module(
        "power", "Power and control", 30,
        (Slide(t("Who holds power?"), "content", (bullets("Money", "Influence"),), loc(30),
               notes=(bullets("Power comes from money", "And from training",
                              children=(bullets("Training gives confidence"),)),)),
         Slide(t("Where power comes from"), "content",
               (Table((t("Source"), t("Example")), ((t("Money"), t("Budgets")),), loc(33)),),
               loc(32), notes=(para("Read the table with the group."),
                               ListBlock((ListItem(t("Read it")), ListItem(
                                   t("Ask"), (ListBlock((ListItem(t("Who pays?")),
                                                         ListItem(t("Who decides?"))),
                                                        True, loc(34)),))), True, loc(34)))),
         Slide(t("A meeting"), "content",
               (Image("content/images/meeting.png", "People round a table", loc(36)),), loc(35),
               notes=(para("Ask what people notice."),
                      Image("content/images/meeting.png", "A small teal square", loc(37),
                            width="20%"),
                      Image("content/images/meeting.png", "", loc(38), width="1cm",
                            decorative=True))),
         Slide(t("Map your meetings"), "activity", (), loc(40), notes=MAP_MEETINGS.notes,
               activity=MAP_MEETINGS)),
        loc(1), objectives=("Say who holds power in a service and why",),
        key_messages=("Power comes from money, influence, training and mandate",))
    my_space = Module(
        "my-space", "My space", 20,
        (Slide(t("Part two"), "section", (), loc(60)),
         Slide(t("Your own space"), "content", (para("You decide here."),), loc(62),
               notes=(para("Give one example from your own life."),)),
         Slide(t("Draw your space"), "activity", (), loc(70), activity=DRAW_SPACE)),
        loc(1),
        easy_read=(EasyReadRow((t("My space is where you are in charge."),), None, loc(80),
                               notes=(para("Point at the picture."),)),),
        has_easy_read=True)
    return welcome, power, my_space


def make_pack(root: Path, *, participants: int | None = 16, extra_slides: int = 0,
              deck_style: str = "standard") -> TailoredPack:
    """Return a tailored pack whose project lives at ``root`` (a picture is written there)."""
    png(root / "content" / "images" / "meeting.png")
    mods = modules(extra_slides)
    pack = Pack(
        id="staff-day", title="Talking coproduction", audience="staff",
        organisation="Glanrhyd Council", date=dt.date(2026, 3, 3), start=600, slot=90,
        venue="Room 2, Glanrhyd Civic Centre", facilitators=("Aled Morgan", "Priya Shah"),
        modules=tuple(m.id for m in mods), loc=Loc("content/packs/staff-day.yaml", 1),
        deck_style=deck_style, participants=participants,
        breaks=(Break(10, Loc("content/packs/staff-day.yaml", 12), after="power",
                      title="Tea break"),),
        access=("Hearing loop", "Step-free access", "BSL interpreter booked"))
    entries = (
        TimetableEntry("module", "Welcome", 600, 15, "welcome"),
        TimetableEntry("module", "Power and control", 615, 30, "power"),
        TimetableEntry("break", "Tea break", 645, 10),
        TimetableEntry("module", "My space", 655, 20, "my-space"),
    )
    project = Project(
        root=root, modules={m.id: m for m in mods}, packs={pack.id: pack},
        audiences={"staff": Audience("staff", "Staff and managers")}, spaces=(), glossary=(),
        theme=Theme(COLOURS, {"heading": "Atkinson Hyperlegible Next", "body": "Atkinson Hyperlegible Next"}),
        config=Config())
    return with_plan(TailoredPack(pack, mods, Timetable(entries, 600, 90), project,
                            {"date_long": "Tuesday 3 March 2026"}, BUILT))


def with_timetable(tp: TailoredPack, entries: tuple[TimetableEntry, ...]) -> TailoredPack:
    """Return ``tp`` with another timetable (same start and slot)."""
    return replace(tp, timetable=Timetable(entries, tp.timetable.start, tp.timetable.slot))
