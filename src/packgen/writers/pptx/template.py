"""Find, open and check the deck template before any slide is added."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lxml.etree import XMLSyntaxError
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PythonPptxError

from packgen import errors
from packgen.errors import PackgenError
from packgen.model import PlannedSlide, TailoredPack, slide_kinds
from packgen.model.slide_kinds import DEFAULT_LAYOUTS
from packgen.paths import deck_template
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


def layout_name(tp: TailoredPack, planned: PlannedSlide) -> str:
    """Return the layout name a planned slide uses: its own choice, the theme's, the default."""
    if planned.slide is not None and planned.slide.layout:
        return planned.slide.layout
    return tp.project.theme.layouts.get(planned.kind, DEFAULT_LAYOUTS[planned.kind])


def check(prs: Any, tp: TailoredPack, planned: Iterable[PlannedSlide],
          shown: str) -> dict[str, Any]:
    """Return the layouts the slides need, by name; raise once listing every problem.

    A kind with fallbacks (``slide_kinds.FALLBACKS``) whose default layout the template lacks
    gets its fallback under the default's name; the rules report that once, as info.
    """
    layouts = {layout.name: layout for master in prs.slide_masters
               for layout in master.slide_layouts}
    layouts.update(_fallbacks(tp, planned, layouts))
    found: dict[str, Any] = {}
    problems: dict[str, errors.Diagnostic] = {}
    lacking: dict[tuple[str, str], list[str]] = {}
    for slide in planned:
        name = layout_name(tp, slide)
        if name not in layouts:
            key = f"layout:{name}"
            problems.setdefault(key, _missing_layout(name, slide, layouts, shown))
            continue
        found[name] = layouts[name]
        if (name, slide.kind) not in lacking:
            lacking[name, slide.kind] = _missing_roles(layouts[name], slide.kind)
        missing = lacking[name, slide.kind]
        if missing:
            key = f"ph:{name}:{slide.kind}"
            problems.setdefault(key, _missing_placeholder(name, slide.kind, missing,
                                                          layouts[name], shown))
    if problems:
        raise PackgenError.many(list(problems.values()))
    return found


def _fallbacks(tp: TailoredPack, planned: Iterable[PlannedSlide],
               layouts: dict[str, Any]) -> dict[str, Any]:
    """Return the borrowed layouts, by the missing default name they stand in for."""
    borrowed: dict[str, Any] = {}
    for slide in planned:
        name = layout_name(tp, slide)
        if name in layouts or name != DEFAULT_LAYOUTS[slide.kind]:
            continue
        stand_in = slide_kinds.fallback_layout(slide.kind, layouts)
        if stand_in is not None:
            borrowed[name] = layouts[stand_in]
    return borrowed


def roles(layout: Any) -> list[str]:
    """Return the roles of a layout's placeholders, in placeholder order."""
    return [ROLES.get(ph.placeholder_format.type, "other") for ph in layout.placeholders]


def _missing_roles(layout: Any, kind: str) -> list[str]:
    types = (ph.placeholder_format.type.xml_value for ph in layout.placeholders)
    return list(slide_kinds.missing_roles(kind, types))


def _missing_layout(name: str, slide: PlannedSlide, layouts: dict[str, Any],
                    shown: str) -> errors.Diagnostic:
    have = ", ".join(f'"{n}"' for n in layouts) or "none"
    message = (f'the deck template has no layout named "{name}" (needed for {slide.kind} '
               f"slides); its layouts are: {have}")
    if slide.slide is not None and slide.slide.layout:
        return errors.error(message + f" (template: {shown})", slide.slide.loc.path,
                            slide.slide.loc.line, "PG401")
    return errors.error(message, shown, None, "PG401")


def _missing_placeholder(name: str, kind: str, missing: list[str], layout: Any,
                         shown: str) -> errors.Diagnostic:
    have = ", ".join(roles(layout)) or "none"
    return errors.error(
        f'layout "{name}" has no {" and no ".join(missing)} placeholder, which {kind} slides '
        f"need; it has: {have}", shown, None, "PG402")
