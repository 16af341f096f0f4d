"""The handout builder: one picture-left row per idea, as HTML, PDF and DOCX."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from packgen.builders import Output
from packgen.paths import output_name
from packgen.safety import check_image_file
from packgen.views.handout import HandoutView, document_title, handout_view
from packgen.writers.html.handout import render_html

if TYPE_CHECKING:
    from packgen.errors import Collector
    from packgen.model import Image, TailoredPack


class HandoutBuilder:
    """Write ``<pack>-easy-read.html``, ``.pdf`` and ``.docx``."""

    name: ClassVar[str] = "handout"
    formats: ClassVar[tuple[str, ...]] = ("pdf", "html", "docx")

    def build(self, tp: TailoredPack, out_dir: Path, report: Collector) -> list[Output]:
        """Write each format of the handout into ``out_dir`` (the easy-read rules run earlier,
        with every other rule, in ``packgen.rules``)."""
        view = handout_view(tp)
        check_pictures(tp.project.root, view.pictures)
        html = render_html(tp, view)
        outputs = []
        for fmt in self.formats:
            path = out_dir / output_name(tp.pack.id, self.name, fmt)
            WRITERS[fmt](tp, view, html, path)
            outputs.append(Output(self.name, fmt, path))
        return outputs


def check_pictures(root: Path, pictures: list[Image]) -> None:
    """Raise PackgenError at the first picture that is not a real PNG, JPEG, GIF or BMP."""
    for picture in {p.src: p for p in pictures}.values():
        check_image_file(root / picture.src, picture.loc.path, picture.loc.line)


# --- writers -----------------------------------------------------------------------------


def _write_html(tp: TailoredPack, view: HandoutView, html: str, path: Path) -> None:
    path.write_text(html, encoding="utf-8")


def _write_pdf(tp: TailoredPack, view: HandoutView, html: str, path: Path) -> None:
    from packgen.writers.pdf.engine import write_pdf

    write_pdf(html, path, base_url=tp.project.root, built=tp.built,
              title=document_title(view), lang=tp.language)


def _write_docx(tp: TailoredPack, view: HandoutView, html: str, path: Path) -> None:
    from packgen.writers.docx.handout import write_docx

    write_docx(view, path, tp.project.root, tp.project.theme, tp.built, document_title(view))


WRITERS: dict[str, Callable[[TailoredPack, HandoutView, str, Path], None]] = {
    "html": _write_html,
    "pdf": _write_pdf,
    "docx": _write_docx,
}
"""Format to the function writing it."""
