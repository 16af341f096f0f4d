"""Build the workshop pictures in content/images from OpenMoji SVGs (CC BY-SA 4.0).

Usage: ``python scripts/make_pictures.py PATH_TO_OPENMOJI_PACKAGE`` where the folder is the
unpacked npm package (``npm pack openmoji@17.0.0 && tar xzf openmoji-*.tgz`` gives
``package/``). Needs cairosvg and Pillow. Writes 600 x 600 PNGs with a transparent background
and content/images/CREDITS.yaml (one entry per file).

Every picture shows one idea literally, and no picture stands for two ideas. A picture is one
emoji, or a large emoji with a second at its corner (a person and a tick: "you made the
choice"; an office building and a letter: "an organisation asks you to take part"). The space
pictures are drawn here, not taken from OpenMoji: the model's 2 overlapping circles in the
space colours, with the space's own area filled (my space left, your space right, shared
space the overlap), so "where the 2 circles overlap" is on the picture itself.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import cairosvg
from PIL import Image, ImageChops, ImageDraw

SIZE = 600
OUT = Path(__file__).resolve().parent.parent / "content" / "images"
OPENMOJI_VERSION = "17.0.0"
MY, YOUR, SHARED = "#7A2E8E", "#1F6F3F", "#B35000"
"""The space colours of the packaged theme (templates/theme.yaml)."""

# file stem -> (OpenMoji hexcodes, one or two side by side; what the picture shows)
PICTURES: dict[str, tuple[tuple[str, ...], str]] = {
    "hello": (("1F44B",), "A hand waving hello"),
    "meeting": (("E246",), "Two people talking to each other"),
    "talk": (("E24A",), "Two speech bubbles"),
    "listen": (("1F442",), "An ear"),
    "aim": (("1F3AF",), "An arrow in the middle of a target"),
    "agenda": (("1F5D2",), "A notepad with a list on it"),
    "time": (("1F570",), "A clock"),
    "date": (("1F5D3",), "A calendar"),
    "place": (("1F4CD",), "A pin that marks a place on a map"),
    "break": (("2615",), "A cup of tea"),
    "access": (("1F9D1-200D-1F9BD",), "A person in a wheelchair"),
    "power": (("1F4AA",), "A strong arm"),
    "decide": (("2705",), "A tick in a box"),
    "i-chose": (("1F9D1", "2705"), "A person next to a tick in a box"),
    "someone-else-chose": (("1F9D1-200D-1F4BC", "2705"),
                           "A member of staff next to a tick in a box"),
    "money": (("1F4B7",), "Pound notes"),
    "influence": (("1F4E3",), "A megaphone"),
    "training": (("1F393",), "A graduation cap"),
    "vote": (("1F5F3",), "A voting paper going into a ballot box"),
    "self-advocacy": (("1F64B",), "A person with a hand up to speak"),
    "organisation": (("1F3E2",), "An office building"),
    "council": (("E093",), "A town hall with a flag on the roof"),
    "government": (("1F3DB",), "A big building with tall pillars"),
    "services": (("1F3E5",), "A hospital building"),
    "home": (("1F3E0",), "A house"),
    "staff": (("1F9D1-200D-1F4BC",), "A member of staff with some papers"),
    "invite": (("1F3E2", "2709"), "An office building and a letter"),
    "stop": (("1F6D1",), "A red stop sign"),
    "better": (("1F44D",), "A thumbs up"),
    "equal": (("2696",), "Weighing scales that are level"),
    "pretend": (("1F3AD",), "2 theatre masks"),
    "think": (("1F914",), "A person thinking"),
    "question": (("2753",), "A question mark"),
    "read": (("1F4D6",), "An open book"),
    "write": (("1F4DD",), "A sheet of paper and a pencil"),
    "words": (("1F524",), "The letters A, B and C"),
    "change": (("1F504",), "2 arrows going round in a circle"),
    "step": (("1F463",), "Footprints"),
    "feedback": (("1F4CB",), "A clipboard with a form on it"),
    "phone": (("1F4DE",), "A telephone"),
    "formats": (("1F4C4", "1F4BB"), "A sheet of paper and a laptop"),
    "email": (("1F4E7",), "An envelope with the letter E"),
    "together": (("1F9D1-200D-1F91D-200D-1F9D1",), "2 people holding hands"),
    "coproduction": (("1F91D",), "2 hands shaking"),
}

# space picture stem -> (areas filled, what the picture shows)
SPACES: dict[str, tuple[tuple[str, ...], str]] = {
    "my-space": (("left",), "2 circles that overlap. The left part is filled in purple."),
    "your-space": (("right",), "2 circles that overlap. The right part is filled in green."),
    "shared-space": (("middle",),
                     "2 circles that overlap. The part where they overlap is orange."),
    "spaces": (("left", "right", "middle"),
               "2 circles that overlap: purple on the left, green on the right and orange "
               "in the middle"),
}


def render_svg(package: Path, hexcode: str, size: int) -> Image.Image:
    """Return an OpenMoji SVG rasterised to a transparent square of ``size`` pixels."""
    svg = package / "color" / "svg" / f"{hexcode}.svg"
    png = cairosvg.svg2png(url=str(svg), output_width=size, output_height=size)
    return Image.open(io.BytesIO(png)).convert("RGBA")


def picture(package: Path, hexcodes: tuple[str, ...]) -> Image.Image:
    """Build one emoji on a transparent square, or a large one with a second at its corner."""
    canvas = Image.new("RGBA", (SIZE, SIZE), (255, 255, 255, 0))
    if len(hexcodes) == 1:
        art = render_svg(package, hexcodes[0], SIZE - 40)
        canvas.paste(art, (20, 20), art)
        return canvas
    main, badge = hexcodes
    art = render_svg(package, main, SIZE * 4 // 5)  # the person, large, top left
    canvas.paste(art, (0, 0), art)
    art = render_svg(package, badge, SIZE // 2)  # what they hold, bottom right
    canvas.paste(art, (SIZE // 2, SIZE // 2), art)
    return canvas


def space_picture(areas: tuple[str, ...]) -> Image.Image:
    """Draw the 2 overlapping circles, ``areas`` (left, right, middle) filled in colour."""
    scale = 3  # drawn large, then shrunk: smooth edges
    big = SIZE * scale
    radius, gap = int(big * 0.28), int(big * 0.17)
    centre = big // 2
    left = _disc(big, centre - gap, centre, radius)
    right = _disc(big, centre + gap, centre, radius)
    middle = ImageChops.multiply(left, right)
    shapes = {"left": (ImageChops.subtract(left, middle), MY),
              "right": (ImageChops.subtract(right, middle), YOUR), "middle": (middle, SHARED)}
    canvas = Image.new("RGBA", (big, big), (255, 255, 255, 0))
    canvas.paste((255, 255, 255, 255), (0, 0), ImageChops.lighter(left, right))
    for area in areas:
        mask, colour = shapes[area]
        canvas.paste(colour, (0, 0), mask)
    draw = ImageDraw.Draw(canvas)
    width = 13 * scale
    for x, colour in ((centre - gap, MY), (centre + gap, YOUR)):
        draw.ellipse((x - radius, centre - radius, x + radius, centre + radius),
                     outline=colour, width=width)
    return canvas.resize((SIZE, SIZE), Image.LANCZOS)


def _disc(size: int, x: int, y: int, radius: int) -> Image.Image:
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).ellipse((x - radius, y - radius, x + radius, y + radius), fill=255)
    return mask


ATTRIBUTION = ("Pictures from OpenMoji, the open-source emoji and icon project. "
               "Licence CC BY-SA 4.0.")


def credit(stem: str, hexcodes: tuple[str, ...]) -> str:
    """Return one CREDITS.yaml entry for an OpenMoji picture."""
    emoji = " and ".join(hexcodes)
    change = "rasterised to PNG" + (", the second at the corner of the first" if len(hexcodes) > 1 else "")
    return (
        f"- file: {stem}.png\n"
        f"  source: OpenMoji {OPENMOJI_VERSION} emoji {emoji}, https://openmoji.org/ ({change})\n"
        "  author: OpenMoji contributors\n"
        "  licence: CC BY-SA 4.0\n"
        f"  attribution: {ATTRIBUTION}\n"
    )


def space_credit(stem: str) -> str:
    """Return one CREDITS.yaml entry for a space picture drawn by this script."""
    return (
        f"- file: {stem}.png\n"
        "  source: Drawn by scripts/make_pictures.py (the 2 circles of the spaces model)\n"
        "  author: packgen contributors\n"
        "  licence: CC0 1.0\n"
    )


def main(package: Path) -> None:
    """Write every picture and the credits file."""
    OUT.mkdir(parents=True, exist_ok=True)
    entries = []
    for stem, (hexcodes, _alt) in PICTURES.items():
        picture(package, hexcodes).save(OUT / f"{stem}.png", optimize=True)
        entries.append(credit(stem, hexcodes))
    for stem, (areas, _alt) in SPACES.items():
        space_picture(areas).save(OUT / f"{stem}.png", optimize=True)
        entries.append(space_credit(stem))
    header = (
        "# Pictures used by the workshop content: where each comes from and its licence.\n"
        "# Built by scripts/make_pictures.py. Derived pictures are shared under the same licence.\n"
    )
    (OUT / "CREDITS.yaml").write_text(header + "".join(sorted(entries)), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
