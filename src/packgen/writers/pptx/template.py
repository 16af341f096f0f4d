"""Find, open and check the deck template before any slide is added."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml.etree import XMLSyntaxError
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PythonPptxError

from packgen import errors
from packgen.errors import PackgenError
from packgen.model import PlannedSlide, TailoredPack, slide_kinds
from packgen.paths import deck_template
from packgen.rules import layouts as resolver
from packgen.safety import check_pptx_file
from packgen.writers.pptx.oxml.links import drop_external_relationships
from packgen.writers.pptx.oxml.sample_slides import drop_slides

UNREADABLE_TEMPLATE = "PG400"

BAD_FILE = (zipfile.BadZipFile, PythonPptxError, XMLSyntaxError, KeyError, ValueError,
            OSError, AttributeError, TypeError, IndexError)
"""What python-pptx raises for a file that is not a usable .pptx."""


ROLES = {member: slide_kinds.placeholder_role(member.xml_value) for member in PP_PLACEHOLDER
         if member.xml_value}
"""Placeholder type to the role packgen fills (``model.slide_kinds`` says which by XML name)."""


def locate(tp: TailoredPack) -> tuple[Path, str, bool]:
    """Return the template's path, its name for diagnostics, and whether it is packaged.

    The pack's ``template`` is found as every template is: the project's ``templates/`` first,
    then the packaged ``deck.pptx``; a missing one is an error at the pack's ``template:``.
    """
    found = deck_template(tp.project.root, tp.pack)
    return found.path, found.display, found.packaged


def open_template(path: Path, shown: str) -> Any:
    """Return the template as a Presentation; a file that is not a deck is a PackgenError.

    The zip is checked first (size, member names, no DOCTYPE) so a zip bomb or an entity is
    refused before python-pptx reads it; external relationships are dropped once it is open,
    and so are the template's own sample slides (the rules warn about them, PG406).
    """
    check_pptx_file(path, shown)
    try:
        prs = Presentation(str(path))
        drop_external_relationships(prs)
    except BAD_FILE as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PackgenError(f"not a PowerPoint template (.pptx): {reason}", shown,
                           code=UNREADABLE_TEMPLATE) from None
    drop_slides(prs)
    return prs


@dataclass(frozen=True, slots=True)
class Chosen:
    """The layouts a deck's slides use: by slide kind, and by the names slides ask for."""

    by_kind: Mapping[str, Any]
    by_name: Mapping[str, Any]

    def for_slide(self, planned: PlannedSlide) -> Any:
        """Return the layout a planned slide uses: its own ``{layout=...}``, else its kind's."""
        if planned.slide is not None and planned.slide.layout:
            return self.by_name[planned.slide.layout]
        return self.by_kind[planned.kind]


def check(prs: Any, tp: TailoredPack, planned: Sequence[PlannedSlide], shown: str) -> Chosen:
    """Return the layouts the slides use; raise once listing every problem.

    Layouts are chosen by ``rules.layouts``, as ``packgen template check`` chooses them: the
    theme's mapping, the kind's default name, common names, then placeholders.
    """
    first = _first_layouts(prs)
    described = [describe_layout(layout, master) for layout, master in first.values()]
    choices = resolver.resolve(described, tp.project.theme.layouts,
                               dict.fromkeys(p.kind for p in planned))
    problems = [errors.error(c.problem, shown, None, c.code)
                for c in choices.values() if c.layout is None]
    for slide in (p.slide for p in planned if p.slide is not None and p.slide.layout):
        chosen = resolver.explicit(described, slide.layout, _kind_of(planned, slide))
        if chosen.layout is None:
            problems.append(errors.error(f"{chosen.problem} (template: {shown})",
                                         slide.loc.path, slide.loc.line, chosen.code))
    if problems:
        raise PackgenError.many(list(dict.fromkeys(problems)))
    return Chosen({k: first[c.layout][0] for k, c in choices.items() if c.layout},
                  {name: layout for name, (layout, _) in first.items()})


def describe_layout(layout: Any, master: str = "") -> resolver.Layout:
    """Return a python-pptx layout as the layout resolver sees it."""
    return resolver.Layout(layout.name, master, tuple(_slot(ph) for ph in layout.placeholders))


def roles(layout: Any) -> list[str]:
    """Return the roles of a layout's placeholders, in placeholder order."""
    return [ROLES.get(ph.placeholder_format.type, "other") for ph in layout.placeholders]


def _missing_roles(layout: Any, kind: str) -> list[str]:
    return list(resolver.lacking(describe_layout(layout), kind))


def _first_layouts(prs: Any) -> dict[str, tuple[Any, str]]:
    """Return each layout name to the first layout with it, and its master's name."""
    found: dict[str, tuple[Any, str]] = {}
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            found.setdefault(layout.name, (layout, master.name))
    return found


def _slot(ph: Any) -> resolver.Slot:
    kind = ph.placeholder_format.type
    return resolver.Slot(getattr(kind, "xml_value", "") or "obj", ROLES.get(kind, "other"),
                         ph.left or 0, ph.top or 0, ph.width or 0, ph.height or 0)


def _kind_of(planned: Sequence[PlannedSlide], slide: Any) -> str:
    return next(p.kind for p in planned if p.slide is slide)
