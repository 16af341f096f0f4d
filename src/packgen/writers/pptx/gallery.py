"""Write the gallery deck: every slide kind the template can build, each saying what it shows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from packgen.errors import Diagnostic, PackgenError
from packgen.model import Paragraph, PlannedSlide, Span, TailoredPack
from packgen.model.slide_kinds import DEFAULT_LAYOUTS
from packgen.writers.pptx import deck, template
from packgen.writers.pptx.oxml import speed


def buildable(tp: TailoredPack) -> tuple[TailoredPack, list[Diagnostic]]:
    """Return ``tp`` planned with the slides its deck template can build, renumbered, each
    noting its kind and layout first; and the problems of the kinds left out.

    A template that cannot be opened is a PackgenError. A slide the template cannot build (a
    missing layout or placeholder) is left out and its problem returned, one finding each, as
    the template rules report it.
    """
    path, shown, packaged = template.locate(tp)
    prs = template.open_template(path, shown)
    source = f"packgen's own {path.name}" if packaged else shown
    kept: list[PlannedSlide] = []
    problems: list[Diagnostic] = []
    for item in tp.slides:
        try:
            layouts = template.check(prs, tp, [item], shown)
        except PackgenError as exc:
            problems += [d for d in exc.diagnostics if d not in problems]
            continue
        kept.append(replace(item, number=len(kept) + 1,
                            about=(_about(tp, item, layouts, source),)))
    return replace(tp, slides=tuple(kept)), problems


def write(tp: TailoredPack, target: Path) -> None:
    """Write the gallery deck of a ``buildable`` pack to ``target``, members stored."""
    speed.save_stored(deck.build_deck(tp), target)


def about_line(kind: str, layout: str, source: str, stands_in: str = "") -> str:
    """Return what a gallery slide's notes say first: its kind, its layout (and the missing
    one it stands in for) and the template it comes from."""
    borrowed = f", standing in for {stands_in}" if stands_in else ""
    return f"Slide kind: {kind}. Layout: {layout}{borrowed} (from {source})."


def _about(tp: TailoredPack, item: PlannedSlide, layouts: template.Chosen,
           source: str) -> Paragraph:
    wanted = (item.slide.layout if item.slide is not None and item.slide.layout else
              tp.project.theme.layouts.get(item.kind, DEFAULT_LAYOUTS[item.kind]))
    real = layouts.for_slide(item).name
    line = about_line(item.kind, real, source, wanted if real != wanted else "")
    return Paragraph((Span(line, bold=True),), tp.pack.loc)
