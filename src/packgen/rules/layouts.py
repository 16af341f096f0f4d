"""Which layout of a deck template each slide kind uses: one resolver for the check and the deck.

Both readers of a template (``rules/ooxml/templatedoc`` and the deck writer's python-pptx
``Presentation``) describe its layouts as ``Layout`` values; ``resolve`` then ranks, for each
slide kind, the layouts whose placeholders FIT it: the theme's ``layouts:`` mapping first (a
mapped layout that does not fit is an error), then the kind's default name, then the common
names other programs give such a layout (``COMMON_NAMES``, compared by ``normalise``), then
the placeholders themselves. A name stands for the first layout with that name, in master order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from packgen.model import slide_kinds
from packgen.model.slide_kinds import DEFAULT_LAYOUTS, FALLBACKS, KINDS, PLACEHOLDERS
from packgen.wording import closest

THEMED, ASKED, DEFAULT, BY_NAME, BY_PLACEHOLDERS, NONE = (
    "named in theme.yaml", "asked for by the slide", "default name", "matched by name",
    "matched by placeholders", "cannot")
"""How a kind's layout was chosen, as ``packgen template check`` words it."""

NO_LAYOUT, NO_PLACEHOLDER, AMBIGUOUS = "PG401", "PG402", "PG412"

_NUMBERS = {2: "two", 3: "three"}

SHOWN_CANDIDATES = 3
"""How many tied layout names an ambiguity error lists before "and N more"."""

_CONTENT = ("Title and Content", "Title and Body", "Title and Text", "Title Content",
            "Content", "Title and Bullets", "Bullets")
_COLUMNS = ("Two Content", "Title and 2 Content", "Two Columns", "Title and Two Columns",
            "Comparison")
_PICTURE = ("Picture with Caption", "Title and Picture", "Title and Photo", "Photo",
            "Title Bullets and Photo", "Caption")

TEXT_HEIGHTS: Mapping[str, int] = MappingProxyType({
    "easy-read": 1_440_000,   # 4 cm: three lines at 32 pt
    "closing": 2_160_000,     # 6 cm: six lines of contact details at 24 pt
})
"""The least height, in EMU, of the text placeholder a matched layout gives these kinds."""

COMMON_NAMES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "title": ("Title Slide", "Title", "Title Page", "Cover", "Title Center"),
    "agenda": ("Agenda", *_CONTENT),
    "section": ("Section Header", "Section Title", "Section", "Section Title and Description",
                "Title Only"),
    "content": _CONTENT,
    "statement": ("Statement", "Main Point", "Big Fact", "Centered Text", *FALLBACKS["statement"]),
    "columns": _COLUMNS,
    "picture": ("Picture", *_PICTURE, *_CONTENT, "Title Only"),
    "quote": ("Quote", *_CONTENT),
    "table": ("Title Only", "Table", "Title and Table", *_CONTENT),
    "activity": ("Activity", *_COLUMNS, *_CONTENT),
    "easy-read": ("Easy Read", *_PICTURE, "Two Content", "Title and 2 Content"),
    "diagram": ("Title Only", "Diagram", *_CONTENT),
    "break": ("Break", *FALLBACKS["break"]),
    "closing": ("Closing", "Title Slide", "Section Header", *_CONTENT),
})
"""Slide kind to the layout names tried, in order, after its default name: PowerPoint's,
LibreOffice Impress's ('Title, Content'), Google Slides' ('Title and body') and Keynote's
('Title & Photo') names for such a layout. A name counts only when its layout fits the kind."""


@dataclass(frozen=True, slots=True)
class Slot:
    """One placeholder of a layout, as the resolver sees it."""

    type: str
    """The OOXML type (``title``, ``ctrTitle``, ``body``, ``obj``, ``pic`` ...)."""
    role: str
    """``title``, ``body``, ``picture``, ``footer``, ``date``, ``slide number`` or ``other``."""
    left: int = 0
    top: int = 0
    width: int = 0
    height: int = 0

    @property
    def area(self) -> int:
        """Return the box's area in square EMU."""
        return self.width * self.height


@dataclass(frozen=True, slots=True)
class Layout:
    """One layout of a template: its name, its master's name and its placeholders."""

    name: str
    master: str
    slots: tuple[Slot, ...]


@dataclass(frozen=True, slots=True)
class Choice:
    """The layout one slide kind uses, how it was chosen, or why there is none."""

    kind: str
    layout: str | None
    how: str
    """One of ``THEMED``, ``ASKED``, ``DEFAULT``, ``BY_NAME``, ``BY_PLACEHOLDERS`` or ``NONE``."""
    problem: str = ""
    """The finding's message when ``layout`` is None."""
    code: str = ""
    """``NO_LAYOUT``, ``NO_PLACEHOLDER`` or ``AMBIGUOUS`` when ``layout`` is None."""
    reason: str = ""
    """A few words on why there is no layout, for ``template check``'s kinds list."""

    @property
    def matched(self) -> bool:
        """Return whether the layout was found by name or placeholders, not given."""
        return self.how in (BY_NAME, BY_PLACEHOLDERS)


def can_hold_picture(slot: Slot) -> bool:
    """Return whether the deck writer can put a slide's picture in this placeholder.

    Picture placeholders can, and so can a content (``obj``) placeholder: the writer places
    the picture in its box (``slide_kinds.can_hold_picture``).
    """
    return slot.role == "picture" or slide_kinds.can_hold_picture(slot.type)


def lacking(layout: Layout, kind: str) -> tuple[str, ...]:
    """Return the roles slide ``kind`` needs that ``layout`` lacks, in order (may repeat).

    A body placeholder that ``can_hold_picture`` serves as the picture when there is no
    picture placeholder for it and the text keeps a body of its own, and as a body otherwise.
    """
    slots = layout.slots
    pictures = sum(s.role == "picture" for s in slots)
    either = sum(s.role == "body" and can_hold_picture(s) for s in slots)
    needs = PLACEHOLDERS[kind].needs
    bodies = sum(s.role == "body" for s in slots)
    short = max(0, needs.count("picture") - pictures)
    lent = min(either, short, max(0, bodies - needs.count("body")))
    have = {"title": sum(s.role == "title" for s in slots), "picture": pictures + lent,
            "body": bodies - lent}
    missing = []
    for need in needs:
        if have.get(need, 0) > 0:
            have[need] -= 1
        else:
            missing.append(need)
    return tuple(missing)


def fits(layout: Layout, kind: str) -> bool:
    """Return whether ``layout`` has every placeholder slide ``kind`` needs."""
    return not lacking(layout, kind)


def roomy(layout: Layout, kind: str) -> bool:
    """Return whether a layout's text placeholder is tall enough for what ``kind`` writes.

    Only layouts found by name or placeholders are held to this: a caption strip (python-pptx's
    'Picture with Caption') cannot take an easy-read row, nor a title slide's subtitle a
    closing slide's contact details. A box of unknown size passes.
    """
    lowest = TEXT_HEIGHTS.get(kind)
    if lowest is None:
        return True
    heights = sorted((s.height for s in layout.slots if s.role == "body"), reverse=True)
    if kind == "easy-read" and not any(s.role == "picture" for s in layout.slots):
        heights = heights[1:]  # the tallest content placeholder holds the picture
    return not heights or heights[0] == 0 or heights[0] >= lowest


def needs_text(kind: str) -> str:
    """Return what a layout needs for ``kind``, in words: ``a title and two bodies``."""
    needs = PLACEHOLDERS[kind].needs
    counts = {role: needs.count(role) for role in dict.fromkeys(needs)}
    words = [f"a {role}" if n == 1 else f"{_NUMBERS.get(n, n)} {role}" for role, n in
             counts.items()]
    plural = "s" if list(counts.values())[-1] > 1 else ""
    note = " side by side" if kind == "columns" else ""
    return f"{_listed(words)} placeholder{plural}{note}"


def normalise(name: str) -> str:
    """Return a layout name as compared: case, punctuation, "and"/"&"/"," and "two"/"2" alike.

    'Title, Content', 'Title & Content' and 'title and content' all give ``title content``.
    """
    words = re.findall(r"[a-z0-9]+", name.casefold())
    return " ".join("2" if w == "two" else w for w in words if w != "and")


def first_by_name(layouts: Iterable[Layout]) -> dict[str, Layout]:
    """Return each layout name to the first layout with that name, in master order."""
    found: dict[str, Layout] = {}
    for layout in layouts:
        found.setdefault(layout.name, layout)
    return found


def resolve(layouts: Sequence[Layout], mapping: Mapping[str, str],
            kinds: Iterable[str] = KINDS) -> dict[str, Choice]:
    """Return the choice for each slide kind in ``kinds``, by the ranking the module describes."""
    named = first_by_name(layouts)
    return {kind: _choose(kind, named, mapping) for kind in kinds}


def explicit(layouts: Sequence[Layout], name: str, kind: str) -> Choice:
    """Return the choice for a slide that asks for layout ``name`` itself (``{layout=...}``)."""
    named = first_by_name(layouts)
    layout = named.get(name)
    if layout is None:
        return _none(kind, NO_LAYOUT, f"template has no layout '{name}' for {kind} slides"
                     + _did_you_mean(name, kind, named), "layout not found")
    if not fits(layout, kind):
        return _lacks(layout, kind)
    return Choice(kind, name, ASKED)


def matched_info(choices: Iterable[Choice]) -> str | None:
    """Return the one info line (PG411) on kinds whose layouts were matched, or None.

    Statement and break slides borrowing a layout by name are left to PG410's own lines.
    """
    count = sum(1 for c in choices if c.matched and not _borrowed(c))
    if not count:
        return None
    kinds = "1 slide kind uses a layout" if count == 1 else f"{count} slide kinds use layouts"
    return (f"{kinds} matched by name or placeholders (packgen template check shows them, and "
            "the layouts: mapping to pin them)")


def borrowed(choices: Iterable[Choice]) -> list[Choice]:
    """Return the statement and break choices that borrow a layout by name (PG410), in kind
    order."""
    return sorted((c for c in choices if _borrowed(c)), key=lambda c: KINDS.index(c.kind))


def paste_block(choices: Mapping[str, Choice], mapping: Mapping[str, str]) -> list[str]:
    """Return the ``layouts:`` block that pins every choice, or ``[]`` when all are defaults.

    Kinds already mapped keep their line; matched kinds get one; kinds with no layout are a
    comment saying what they need. The block is valid YAML for ``templates/theme.yaml``.
    """
    if not any(c.matched or c.layout is None for c in choices.values()):
        return []
    lines = ["layouts:"]
    for kind, choice in choices.items():
        if choice.layout is None:
            lines.append(f"  # {kind}: {choice.reason}")
        elif choice.matched or kind in mapping:
            lines.append(f"  {kind}: {_quoted(choice.layout)}")
    return lines


# --- private -----------------------------------------------------------------------------


def _choose(kind: str, named: Mapping[str, Layout], mapping: Mapping[str, str]) -> Choice:
    if kind in mapping:
        return _mapped(kind, mapping[kind], named)
    default = named.get(DEFAULT_LAYOUTS[kind])
    if default is not None:
        return Choice(kind, default.name, DEFAULT) if fits(default, kind) else \
            _lacks(default, kind)
    fitting = [lay for lay in named.values() if fits(lay, kind) and roomy(lay, kind)]
    return _by_name(kind, fitting) or _by_placeholders(kind, fitting)


def _mapped(kind: str, name: str, named: Mapping[str, Layout]) -> Choice:
    layout = named.get(name)
    if layout is None:
        return _none(kind, NO_LAYOUT, f"theme.yaml maps {kind} slides to layout '{name}', "
                     "which the template lacks" + _did_you_mean(name, kind, named),
                     f"'{name}' (theme.yaml) not found")
    return Choice(kind, name, THEMED) if fits(layout, kind) else _lacks(layout, kind)


def _by_name(kind: str, fitting: Sequence[Layout]) -> Choice | None:
    for wanted in COMMON_NAMES[kind]:
        key = normalise(wanted)
        same = [lay.name for lay in fitting if normalise(lay.name) == key]
        if len(same) == 1:
            return Choice(kind, same[0], BY_NAME)
        if same:
            return _ambiguous(kind, same)
    return None


def _by_placeholders(kind: str, fitting: Sequence[Layout]) -> Choice:
    suited = [lay for lay in fitting if _shaped(lay, kind)]
    if not suited:
        need = needs_text(kind)
        return _none(kind, NO_LAYOUT,
                     f"no layout fits {kind} slides ({need}): add one named "
                     f"'{DEFAULT_LAYOUTS[kind]}' or map it under layouts: in "
                     "templates/theme.yaml", f"no layout has {need}")
    best = min(_score(lay, kind) for lay in suited)
    tied = [lay.name for lay in suited if _score(lay, kind) == best]
    if len(tied) > 1:
        return _ambiguous(kind, tied)
    return Choice(kind, tied[0], BY_PLACEHOLDERS)


def _shaped(layout: Layout, kind: str) -> bool:
    """Return whether a layout of an unknown name looks made for ``kind`` (rank d).

    A layout with a centred title (``ctrTitle``) is a title slide: only title and closing
    slides take one by its placeholders.
    """
    if kind not in ("title", "closing") and any(s.type == "ctrTitle" for s in layout.slots):
        return False
    if kind in ("picture", "easy-read"):
        return any(can_hold_picture(slot) for slot in layout.slots)
    if kind == "columns":
        return _side_by_side([s for s in layout.slots if s.role == "body"])
    return True


def _side_by_side(bodies: Sequence[Slot]) -> bool:
    return any(a.left + a.width <= b.left and a.top < b.top + b.height and b.top < a.top + a.height
               for a in bodies for b in bodies if a is not b)


def _score(layout: Layout, kind: str) -> tuple[int, int, int, int]:
    """Return how well a fitting layout suits ``kind``: lower is better.

    A centred title first (title slides only), then fewest placeholders the slide would leave
    empty, then fewest optional ones the layout lacks, then the largest body.
    """
    centred = kind == "title" and not any(s.type == "ctrTitle" for s in layout.slots)
    contract = PLACEHOLDERS[kind]
    used = list(contract.needs) + list(contract.optional)
    roles = [s.role for s in layout.slots if s.role in ("title", "body", "picture")]
    extras = len(roles) - sum(min(roles.count(r), used.count(r)) for r in set(used))
    unfilled = sum(max(0, used.count(r) - roles.count(r)) for r in set(used))
    body = max((s.area for s in layout.slots if s.role == "body"), default=0)
    return int(centred), extras, unfilled, -body


def _ambiguous(kind: str, names: Sequence[str]) -> Choice:
    shown = ", ".join(f"'{n}'" for n in names[:SHOWN_CANDIDATES])
    more = len(names) - SHOWN_CANDIDATES
    listed = f"{shown} and {more} more" if more > 0 else shown
    return _none(kind, AMBIGUOUS,
                 f"{len(names)} layouts fit {kind} slides equally well: {listed}; choose one "
                 f"under layouts: in templates/theme.yaml ({kind}: {_quoted(names[0])})",
                 f"{len(names)} layouts fit equally: " + listed)


def _lacks(layout: Layout, kind: str) -> Choice:
    need = _listed(f"a {role}" for role in lacking(layout, kind))
    have = ", ".join(s.type for s in layout.slots) or "none"
    return _none(kind, NO_PLACEHOLDER,
                 f"layout '{layout.name}' lacks {need} placeholder for {kind} slides; its "
                 f"placeholders: {have}", f"'{layout.name}' lacks {need} placeholder")


def _none(kind: str, code: str, problem: str, reason: str) -> Choice:
    return Choice(kind, None, NONE, problem, code, reason)


def _did_you_mean(name: str, kind: str, named: Mapping[str, Layout]) -> str:
    fitting = {normalise(n): n for n, lay in named.items() if fits(lay, kind)}
    close = fitting.get(normalise(name)) or fitting.get(closest(normalise(name), fitting) or "")
    return f" (did you mean '{close}'?)" if close else ""


def _borrowed(choice: Choice) -> bool:
    return choice.how == BY_NAME and choice.kind in FALLBACKS and \
        normalise(choice.layout or "") in {normalise(n) for n in FALLBACKS[choice.kind]}


def _listed(items: Iterable[str]) -> str:
    """Return ``a, b and c``."""
    words = list(items)
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def _quoted(name: str) -> str:
    escaped = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
