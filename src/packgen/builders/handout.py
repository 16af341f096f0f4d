"""The handout builder: one picture-left row per idea, as PDF, HTML and DOCX."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from packgen.builders import KindBuilder
from packgen.model import Image, TailoredPack
from packgen.safety import check_image_file, check_svg_file
from packgen.views.handout import handout_view


class HandoutBuilder(KindBuilder):
    """Write ``<pack>-easy-read.pdf``, ``.html`` and ``.docx`` (the easy-read rules run
    earlier, with every other rule, in ``packgen.rules``)."""

    name: ClassVar[str] = "handout"

    def check(self, tp: TailoredPack) -> None:
        """Refuse a picture that is not a real PNG, JPEG, GIF or BMP, before any file."""
        check_pictures(tp.project.root, handout_view(tp).pictures)


def check_pictures(root: Path, pictures: list[Image]) -> None:
    """Raise PackgenError at the first picture that is not a real PNG, JPEG, GIF or BMP, or
    an SVG that refers to anything outside it."""
    for picture in {p.src: p for p in pictures}.values():
        path = root / picture.src
        check = check_svg_file if path.suffix.lower() == ".svg" else check_image_file
        check(path, picture.loc.path, picture.loc.line)
