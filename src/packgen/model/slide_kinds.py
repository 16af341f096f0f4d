"""The deck's slide kinds, the layout each uses, and the placeholders each kind fills."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

KINDS = (
    "title", "agenda", "section", "content", "statement", "columns", "picture", "quote",
    "table", "activity", "easy-read", "diagram", "break", "closing",
)
"""Every slide kind the deck builder knows; each maps to a layout name."""

DEFAULT_LAYOUTS: Mapping[str, str] = MappingProxyType({
    "title": "Title Slide", "agenda": "Agenda", "section": "Section Header",
    "content": "Title and Content", "statement": "Statement", "columns": "Two Content",
    "picture": "Picture", "quote": "Quote", "table": "Title Only", "activity": "Activity",
    "easy-read": "Easy Read", "diagram": "Title Only", "break": "Break", "closing": "Closing",
})
"""Slide kind to the layout name the packaged template provides (``theme.yaml`` remaps)."""

FALLBACKS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "statement": ("Section Header", "Title Only"),
    "break": ("Section Header", "Title Only"),
})
"""Kinds added after templates were designed, and the layouts they borrow, in order of
preference, when a template lacks their default layout (``rules.layouts`` tries these names
last; borrowing one is an info finding, PG410, never an error)."""


@dataclass(frozen=True, slots=True)
class Placeholders:
    """The placeholder roles the deck writer fills on one slide kind's layout."""

    needs: tuple[str, ...]
    """Roles the layout must have, counted: columns need two bodies."""
    optional: tuple[str, ...] = ()
    """Roles filled when the layout has them; without them the slide still shows its content
    (the writer places it in the master's content area) or leaves out a detail line."""


PLACEHOLDERS: Mapping[str, Placeholders] = MappingProxyType({
    "title": Placeholders(("title",), ("body",)),
    "agenda": Placeholders(("title", "body")),
    "section": Placeholders(("title",), ("body",)),
    "content": Placeholders(("title", "body")),
    "statement": Placeholders(("title",), ("body",)),
    "columns": Placeholders(("title", "body", "body"), ("body",)),
    "picture": Placeholders(("title",), ("picture", "body")),
    "quote": Placeholders(("title", "body")),
    "table": Placeholders(("title",), ("body",)),
    "activity": Placeholders(("title", "body"), ("body",)),
    "easy-read": Placeholders(("title", "picture", "body")),
    "diagram": Placeholders(("title",)),
    "break": Placeholders(("title",), ("body",)),
    "closing": Placeholders(("title",), ("body",)),
})
"""Slide kind to its placeholders, as ``writers/pptx/slides.py`` fills them.

Title and closing slides put their details (organisation, date, names, contact) in a body when
there is one; a section slide its start time and length, a break slide its length and the
time people come back, a statement slide its sentence (else in the master's content area). Picture and table slides use a picture or body
placeholder's box when there is one, else the master's content area. An activity writes its
time and group in a second body, else above its instructions; columns fill a body per column.
An easy-read slide needs a place for its picture beside its body: a picture placeholder, or a
second content placeholder (``can_hold_picture``); without one the picture would cover the text.
"""

PLACEHOLDER_ROLES: Mapping[str, str] = MappingProxyType({
    "title": "title", "ctrTitle": "title",
    "body": "body", "subTitle": "body", "obj": "body",
    "pic": "picture", "clipArt": "picture",
    "ftr": "footer", "dt": "date", "sldNum": "slide number",
})
"""Placeholder type, as the XML spells it (``obj`` when left out), to the role packgen fills."""


def placeholder_role(ph_type: str) -> str:
    """Return the role of a placeholder type (``subTitle`` is a body); ``other`` if none."""
    return PLACEHOLDER_ROLES.get(ph_type, "other")


PICTURE_HOLDERS = ("pic", "clipArt", "obj")
"""Placeholder types a slide's picture can go in: picture placeholders, and content (``obj``)
placeholders, which PowerPoint fills with text, a table or a picture alike."""


def can_hold_picture(ph_type: str) -> bool:
    """Return True when a placeholder of XML type ``ph_type`` can hold a slide's picture.

    The deck writer then places the picture in that placeholder's box (fitted, centred) and
    removes the placeholder; an easy-read layout with two content placeholders and no picture
    placeholder (as LibreOffice templates have) shows the picture in one, the text in the other.
    """
    return ph_type in PICTURE_HOLDERS

