"""The guide builder: a timed session plan, checklists, notes and activities (PDF, HTML, DOCX)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from packgen.builders import Output
from packgen.paths import output_name
from packgen.views.guide import document_title
from packgen.writers.html.guide import render_html

if TYPE_CHECKING:
    from packgen.errors import Collector
    from packgen.model import TailoredPack


class GuideBuilder:
    """Write ``<pack>-guide.html``, ``.pdf`` and ``.docx`` from one tailored pack."""

    name: ClassVar[str] = "guide"
    formats: ClassVar[tuple[str, ...]] = ("pdf", "html", "docx")

    def build(self, tp: TailoredPack, out_dir: Path, report: Collector) -> list[Output]:
        """Write the guide in every format into ``out_dir`` and return what was written."""
        html = render_html(tp)
        paths = {fmt: out_dir / output_name(tp.pack.id, self.name, fmt) for fmt in self.formats}
        paths["html"].write_text(html, encoding="utf-8")
        write_guide_pdf(tp, html, paths["pdf"])
        write_guide_docx(tp, paths["docx"])
        return [Output(self.name, fmt, paths[fmt]) for fmt in self.formats]


def write_guide_pdf(tp: TailoredPack, html: str, target: Path) -> None:
    """Write the guide's PDF from its HTML."""
    from packgen.writers.pdf.engine import write_pdf  # the print engine loads only for PDFs

    write_pdf(html, target, base_url=tp.project.root, built=tp.built,
              title=document_title(tp), lang=tp.language)


def write_guide_docx(tp: TailoredPack, target: Path) -> None:
    """Write the guide's DOCX."""
    from packgen.writers.docx.guide import write_docx  # python-docx loads only here

    write_docx(tp, target, document_title(tp))
