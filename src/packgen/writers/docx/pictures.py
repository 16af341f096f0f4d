"""Pictures in Word: a picture file as it is, or an SVG as Word stores one (a PNG drawn from it
with the SVG behind it)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from docx.shared import Length
from docx.text.paragraph import Paragraph

from packgen.model import Image
from packgen.safety import check_svg_file, office_picture
from packgen.writers.docx import oxml
from packgen.writers.pdf.engine import svg_picture_png

SVG_PPI = 144
"""Resolution of the PNG drawn for an SVG picture: twice its size on the page."""


def add_picture_run(paragraph: Paragraph, path: Path, image: Image, width: Length) -> Any:
    """Add ``path`` (the file of ``image``) as a picture run ``width`` wide; return its shape.

    An SVG is checked to refer to nothing outside it (PG021), drawn as a PNG at ``SVG_PPI``
    (PG150 when it cannot be), and stored behind the PNG.
    """
    if path.suffix.lower() != ".svg":
        return paragraph.add_run().add_picture(office_picture(path), width=width)
    svg = check_svg_file(path, image.loc.path, image.loc.line)
    png = svg_picture_png(svg, width.pt, SVG_PPI, image.loc.path, image.loc.line)
    shape = paragraph.add_run().add_picture(io.BytesIO(png), width=width)
    oxml.add_svg(shape, paragraph.part, svg)
    return shape
