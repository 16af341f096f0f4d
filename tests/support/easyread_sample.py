"""A small tailored pack with easy-read rows, built straight from the model for tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw

from packgen.model import (
    Break,
    Config,
    EasyReadRow,
    GlossaryEntry,
    Image,
    Loc,
    Module,
    Pack,
    Project,
    Span,
    TailoredPack,
    Theme,
    Timetable,
    TimetableEntry,
)
from packgen.tailor.slideplan import with_plan

COLOURS = {
    "text": "#1A1A1A", "background": "#FFFFFF", "accent": "#005A70", "accent_text": "#FFFFFF",
    "muted": "#4A4A4A", "surface": "#F2F5F7", "my_space": "#7A2E8E", "your_space": "#1F6F3F",
    "shared_space": "#B35000",
}
THEME = Theme(COLOURS, {"heading": "Atkinson Hyperlegible Next", "body": "Atkinson Hyperlegible Next"})
PICTURES = {"meeting": "#005A70", "power": "#7A2E8E", "my-space": "#1F6F3F",
            "together": "#B35000", "cover": "#4A4A4A"}


def picture(root: Path, name: str, colour: str = "#005A70") -> str:
    """Write a simple square PNG into ``content/images`` and return its project path."""
    folder = root / "content" / "images"
    folder.mkdir(parents=True, exist_ok=True)
    img = PILImage.new("RGB", (300, 300), "white")
    draw = ImageDraw.Draw(img)
    draw.ellipse((40, 40, 260, 260), fill=colour)
    draw.rectangle((110, 120, 190, 200), fill="white")
    img.save(folder / f"{name}.png")
    return f"content/images/{name}.png"


def text(*lines: str) -> tuple[tuple[Span, ...], ...]:
    """Return one Text per line; ``**word**`` is not parsed (plain spans only)."""
    return tuple((Span(line),) for line in lines)


def row(root: Path, pic: str | None, line: int, *lines: str,
        path: str = "content/modules/power.md") -> EasyReadRow:
    """Return an easy-read row with the named picture (or none)."""
    image = None
    if pic:
        image = Image(picture(root, pic, PICTURES.get(pic, "#005A70")), f"A picture of {pic}",
                      Loc(path, line))
    return EasyReadRow(text(*lines), image, Loc(path, line))


GLOSSARY_TERMS = (
    ("coproduction", "Coproduction means people work together as equals.", ("co-production",)),
    ("power", "Power means you can decide things.", ()),
)


def glossary(root: Path) -> tuple[GlossaryEntry, ...]:
    """Return the sample glossary."""
    return tuple(GlossaryEntry(term, explanation, Loc("content/glossary.yaml", 1 + 3 * i), forms)
                 for i, (term, explanation, forms) in enumerate(GLOSSARY_TERMS))


def modules(root: Path) -> tuple[Module, ...]:
    """Return two modules with easy-read rows and one without."""
    welcome = Module("welcome", "Welcome", 15, (), Loc("content/modules/welcome.md", 1),
                     easy_read=(
                         row(root, "meeting", 20, "This workshop is about coproduction.",
                             "We will work together.", path="content/modules/welcome.md"),
                         row(root, "together", 24, "Everyone can speak.",
                             "We listen to each other.", path="content/modules/welcome.md"),
                     ), has_easy_read=True)
    power = Module("power", "Power and control", 20, (), Loc("content/modules/power.md", 1),
                   easy_read=(
                       row(root, "power", 30, "Power is about who decides.",
                           "Some people have more power than others."),
                       row(root, "my-space", 34, "My space is where you are in charge.",
                           "You decide what happens there."),
                       row(root, "meeting", 38, "Coproduction means we share power.",
                           "We make plans together.", "We check the plans together."),
                   ), has_easy_read=True)
    extra = Module("extra", "Extra reading", 10, (), Loc("content/modules/extra.md", 1))
    return welcome, power, extra


def make_pack(root: Path, **changes) -> TailoredPack:
    """Return the sample tailored pack rooted at ``root``."""
    mods = modules(root)
    fields = dict(
        id="talking", title="Talking coproduction", audience="self-advocates",
        organisation="Glanrhyd Council", date=dt.date(2026, 3, 3), start=600, slot=90,
        venue="Room 2, Glanrhyd Civic Centre", facilitators=("Aled Morgan", "Priya Shah"),
        modules=tuple(m.id for m in mods), loc=Loc("content/packs/talking.yaml", 1),
        breaks=(Break(15, Loc("content/packs/talking.yaml", 12), after="welcome"),),
        access=("Hearing loop", "Step-free access"),
        contact={"name": "Aled Morgan", "phone": "01234 567890", "email": "aled@example.org"},
        checked_by="Sam Jones",
    )
    fields.update(changes)
    pack = Pack(**fields)
    project = Project(root, {m.id: m for m in mods}, {"talking": pack}, {}, (), glossary(root),
                      THEME, Config())
    entries = (TimetableEntry("module", "Welcome", 600, 15, "welcome"),
               TimetableEntry("break", "Break", 615, 15),
               TimetableEntry("module", "Power and control", 630, 20, "power"),
               TimetableEntry("module", "Extra reading", 650, 10, "extra"))
    return with_plan(TailoredPack(pack, mods, Timetable(entries, 600, 90), project,
                            built=dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.timezone.utc)))
