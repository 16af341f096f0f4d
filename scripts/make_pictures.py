"""Build the workshop pictures in content/images from OpenMoji SVGs (CC BY-SA 4.0).

Usage: ``python scripts/make_pictures.py PATH_TO_OPENMOJI_PACKAGE`` where the folder is the
unpacked npm package (``npm pack openmoji && tar xzf openmoji-*.tgz`` gives ``package/``).
Needs cairosvg and Pillow. Writes 600 x 600 PNGs with a transparent background and content/images/CREDITS.yaml.
The three space pictures sit inside a ring in the space's theme colour.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import cairosvg
from PIL import Image, ImageDraw

SIZE = 600
OUT = Path(__file__).resolve().parent.parent / "content" / "images"
OPENMOJI_VERSION = "17.0.0"

# file stem -> (OpenMoji hexcode, what the picture shows)
PICTURES: dict[str, tuple[str, str]] = {
    "hello": ("1F44B", "A hand waving hello"),
    "meeting": ("E246", "Two people talking to each other"),
    "talk": ("E24A", "Two speech bubbles"),
    "listen": ("1F442", "An ear"),
    "aim": ("1F3AF", "An arrow in the middle of a target"),
    "agenda": ("1F5D2", "A notepad with a list on it"),
    "time": ("1F570", "A clock"),
    "date": ("1F5D3", "A calendar"),
    "place": ("1F4CD", "A pin that marks a place on a map"),
    "break": ("2615", "A cup of tea"),
    "access": ("1F9D1-200D-1F9BD", "A person in a wheelchair"),
    "power": ("1F4AA", "A strong arm"),
    "decide": ("2705", "A tick in a box"),
    "money": ("1F4B7", "Pound notes"),
    "influence": ("1F4E3", "A megaphone"),
    "training": ("1F393", "A graduation cap"),
    "vote": ("1F5F3", "A voting paper going into a ballot box"),
    "self-advocacy": ("1F64B", "A person with a hand up to speak"),
    "council": ("E093", "A council building with a flag"),
    "services": ("1F3E5", "A hospital building"),
    "home": ("1F3E0", "A house"),
    "staff": ("1F9D1-200D-1F4BC", "A member of staff with some papers"),
    "invite": ("2709", "An envelope with a letter inside"),
    "stop": ("1F6D1", "A red stop sign"),
    "better": ("1F44D", "A thumbs up"),
    "equal": ("2696", "Weighing scales that are level"),
    "pretend": ("1F3AD", "2 theatre masks"),
    "think": ("1F914", "A person thinking"),
    "question": ("2753", "A question mark"),
    "write": ("1F4DD", "A sheet of paper and a pencil"),
    "words": ("1F524", "The letters A, B and C"),
    "change": ("1F504", "2 arrows going round in a circle"),
    "step": ("1F463", "Footprints"),
    "feedback": ("1F4CB", "A clipboard with a form on it"),
    "phone": ("1F4DE", "A telephone"),
    "email": ("1F4E7", "An envelope for email"),
    "together": ("1F9D1-200D-1F91D-200D-1F9D1", "2 people holding hands"),
    "coproduction": ("1F91D", "2 hands shaking"),
}

# space picture stem -> (OpenMoji hexcode, ring colour, what the picture shows)
SPACES: dict[str, tuple[str, str, str]] = {
    "my-space": ("1F465", "#7A2E8E", "2 people side by side inside a purple circle"),
    "your-space": ("E093", "#1F6F3F", "A council building inside a green circle"),
    "shared-space": ("1F91D", "#B35000", "2 hands shaking inside an orange circle"),
}


def render_svg(package: Path, hexcode: str, size: int) -> Image.Image:
    """Return an OpenMoji SVG rasterised to a transparent square of ``size`` pixels."""
    svg = package / "color" / "svg" / f"{hexcode}.svg"
    png = cairosvg.svg2png(url=str(svg), output_width=size, output_height=size)
    return Image.open(io.BytesIO(png)).convert("RGBA")


def plain_picture(package: Path, hexcode: str) -> Image.Image:
    """Build a picture on a transparent square with a small margin."""
    canvas = Image.new("RGBA", (SIZE, SIZE), (255, 255, 255, 0))
    art = render_svg(package, hexcode, SIZE - 40)
    canvas.paste(art, (20, 20), art)
    return canvas


def tint(colour: str, amount: float) -> tuple[int, int, int]:
    """Return ``colour`` mixed with white (``amount`` 0 = white, 1 = the colour)."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return tuple(round(255 - (255 - c) * amount) for c in rgb)  # type: ignore[return-value]


def space_picture(package: Path, hexcode: str, colour: str) -> Image.Image:
    """Build a space picture: the symbol on a pale disc inside a ring of the space colour."""
    canvas = Image.new("RGBA", (SIZE, SIZE), (255, 255, 255, 0))
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((12, 12, SIZE - 12, SIZE - 12), fill=tint(colour, 0.12), outline=colour, width=36)
    art = render_svg(package, hexcode, 380)
    canvas.paste(art, (110, 110), art)
    return canvas


def credit(stem: str, hexcode: str) -> str:
    """Return one CREDITS.yaml entry."""
    change = "rasterised to PNG" + (", placed in a coloured ring" if stem in SPACES else "")
    return (
        f"- file: {stem}.png\n"
        f"  source: OpenMoji {OPENMOJI_VERSION} emoji {hexcode}, https://openmoji.org/ ({change})\n"
        "  author: OpenMoji contributors\n"
        "  licence: CC BY-SA 4.0\n"
        "  attribution: Pictures from OpenMoji, the open-source emoji and icon project. "
        "Licence CC BY-SA 4.0.\n"
    )


def main(package: Path) -> None:
    """Write every picture and the credits file."""
    OUT.mkdir(parents=True, exist_ok=True)
    entries = []
    for stem, (hexcode, _alt) in PICTURES.items():
        plain_picture(package, hexcode).save(OUT / f"{stem}.png", optimize=True)
        entries.append(credit(stem, hexcode))
    for stem, (hexcode, colour, _alt) in SPACES.items():
        space_picture(package, hexcode, colour).save(OUT / f"{stem}.png", optimize=True)
        entries.append(credit(stem, hexcode))
    header = (
        "# Pictures used by the workshop content: where each comes from and its licence.\n"
        "# Built by scripts/make_pictures.py. Derived pictures are shared under the same licence.\n"
    )
    (OUT / "CREDITS.yaml").write_text(header + "".join(sorted(entries)), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
