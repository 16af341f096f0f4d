"""The guide and the handout as print PDFs."""

from __future__ import annotations

from pathlib import Path

from packgen.model import TailoredPack
from packgen.views import guide, handout
from packgen.writers.html import guide as guide_page
from packgen.writers.html import handout as handout_page
from packgen.writers.pdf.engine import write_pdf


def write_guide(tp: TailoredPack, target: Path) -> None:
    """Write the facilitator guide's PDF to ``target``."""
    write_pdf(guide_page.render_html(tp), target, base_url=tp.project.root, built=tp.built,
              title=guide.document_title(tp), lang=tp.language)


def write_handout(tp: TailoredPack, target: Path) -> None:
    """Write the easy-read handout's PDF to ``target``."""
    view = handout.handout_view(tp)
    write_pdf(handout_page.render_html(tp, view), target, base_url=tp.project.root,
              built=tp.built, title=handout.document_title(view), lang=tp.language)
