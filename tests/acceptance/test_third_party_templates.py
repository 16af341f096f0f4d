"""The shipped packs build clean with templates packgen did not design: python-pptx's default
and LibreOffice Impress templates converted to .pptx (every placeholder idx 0, two masters,
sample slides). Each deck is built once per template; the checks read it back."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from office import convert, soffice
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from where import REPO

PACKS = ("council-and-citizens", "self-advocates-easy-read", "staff-intro")
IMPRESS_TEMPLATES = Path("/usr/lib/libreoffice/share/template/common/presnt")
TOLERANCE = 90000
"""EMU (0.25 cm): what the geometry rules forgive too."""

TEMPLATES = ("python-pptx default", "Beehive", "Blue_Curve")
"""Built with no `layouts:` mapping: every slide kind takes the layout packgen matches to it."""


@dataclass(frozen=True)
class Built:
    """One template's build of the shipped packs: the output folder and what was printed."""

    out: Path
    output: str
    returncode: int
    template_slides: int


@pytest.fixture(scope="session", params=TEMPLATES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    name = request.param
    work = tmp_path_factory.mktemp(name.replace(" ", "-"))
    template = _template(name, work)
    project = _project(work / "project", template)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-m", "packgen", "build", "--project", str(project),
                           "--out", str(work / "out"), "--only", "deck"],
                          capture_output=True, text=True, timeout=600, env=env, check=False)
    return Built(work / "out", done.stdout + done.stderr, done.returncode,
                 len(Presentation(str(template)).slides))


def test_every_pack_builds_without_errors_on_the_layouts_packgen_matched(built: Built) -> None:
    assert built.returncode == 0, built.output
    assert [ln for ln in built.output.splitlines() if ": error: " in ln] == []
    assert "[PG411]" in built.output


def test_no_text_overflows_overlaps_or_leaves_the_slide(built: Built) -> None:
    codes = ("[PG501]", "[PG502]", "[PG503]")
    assert [ln for ln in built.output.splitlines() if ln.endswith(codes)] == []


@pytest.mark.parametrize("pack", PACKS)
def test_titles_and_bodies_sit_apart_on_the_slide(built: Built, pack: str) -> None:
    deck = Presentation(str(built.out / pack / f"{pack}-slides.pptx"))
    width, height = deck.slide_width, deck.slide_height
    for number, slide in enumerate(deck.slides, start=1):
        boxes = [(s.name, (s.left, s.top, s.width, s.height)) for s in slide.placeholders
                 if s.has_text_frame and s.text_frame.text.strip()
                 and s.placeholder_format.type.xml_value not in ("dt", "ftr", "sldNum")]
        shown = [(n, b) for n, b in boxes if b[1] + b[3] > 0]  # an untitled slide's title
        for name, (x, y, w, h) in shown:                        # waits above it, unseen
            assert x >= -TOLERANCE and y >= -TOLERANCE, (number, name)
            assert x + w <= width + TOLERANCE and y + h <= height + TOLERANCE, (number, name)
        for (one, a), (other, b) in itertools.combinations(shown, 2):
            assert not _overlap(a, b), (number, one, other)


@pytest.mark.parametrize("pack", PACKS)
def test_the_templates_sample_slides_are_left_out(built: Built, pack: str) -> None:
    path = built.out / pack / f"{pack}-slides.pptx"
    deck = Presentation(str(path))
    with zipfile.ZipFile(path) as archive:
        parts = [n for n in archive.namelist()
                 if n.startswith("ppt/slides/slide") and n.endswith(".xml")]
    assert len(parts) == len(deck.slides)
    assert deck.slides[0].shapes.title.text_frame.text != ""
    if built.template_slides:
        assert "template holds" in built.output and "[PG406]" in built.output


def test_easy_read_pictures_sit_beside_their_text(built: Built) -> None:
    pack = "self-advocates-easy-read"
    deck = Presentation(str(built.out / pack / f"{pack}-slides.pptx"))
    rows = [s for s in deck.slides if _pictures(s) and len(s.placeholders) >= 2]
    assert len(rows) > 20
    for slide in rows:
        text = [s for s in slide.placeholders if s.has_text_frame and s.text_frame.text.strip()
                and s.placeholder_format.type.xml_value not in ("title", "ctrTitle", "dt",
                                                                 "ftr", "sldNum")]
        for picture in _pictures(slide):
            box = (picture.left, picture.top, picture.width, picture.height)
            assert not any(_overlap(box, (t.left, t.top, t.width, t.height)) for t in text)


# --- helpers ------------------------------------------------------------------------------


def _template(name: str, work: Path) -> Path:
    if name == "python-pptx default":
        path = work / "default.pptx"
        Presentation().save(str(path))
        return path
    soffice()
    source = IMPRESS_TEMPLATES / f"{name}.otp"
    if not source.is_file():
        if os.environ.get("PACKGEN_REQUIRE_SOFFICE"):
            pytest.fail(f"LibreOffice's {source} is missing")
        pytest.skip(f"LibreOffice's {name} template is not installed")
    return convert(source, work, "pptx")


def _project(root: Path, template: Path) -> Path:
    (root / "templates").mkdir(parents=True)
    shutil.copytree(REPO / "content", root / "content")
    (root / "templates" / "deck.pptx").write_bytes(template.read_bytes())
    return root


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    wide = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    high = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return wide > TOLERANCE and high > TOLERANCE


def _pictures(slide: Any) -> list[Any]:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
