"""The guide and the handout as print PDFs, laid out by the Typst templates."""

from __future__ import annotations

from pathlib import Path

from packgen.model import TailoredPack
from packgen.views import handout, languages
from packgen.writers.pdf.data import guide_data, handout_data
from packgen.writers.pdf.engine import compile_pdf


def write_guide(tp: TailoredPack, target: Path) -> None:
    """Write the facilitator guide's PDF to ``target`` (from ``guide.typ``)."""
    target.write_bytes(compile_pdf(tp.project.root, "guide.typ", guide_data(tp),
                                   built=tp.built))


def write_handout(tp: TailoredPack, target: Path) -> None:
    """Write the easy-read handout's PDF to ``target`` (from ``handout.typ``)."""
    view = handout.handout_view(tp, languages.other_versions(tp))
    data = handout_data(tp, view, handout.document_title(view))
    target.write_bytes(compile_pdf(tp.project.root, "handout.typ", data, built=tp.built))

