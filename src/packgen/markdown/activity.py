"""Activity blocks (``::: {.activity title=... minutes=...}``) and material strings."""

from __future__ import annotations

import re

from packgen.markdown.divs import (
    ActivitySlide,
    Context,
    Part,
    Raw,
    describe,
    lift_notes,
    model_blocks,
)
from packgen.markdown.pandoc_attrs import BAD_VALUE, Attrs
from packgen.model import Activity, Block, ListBlock, Loc, Material, Paragraph, Text, Tip

ATTRIBUTES = ("title", "minutes", "group", "group_size", "audience")

_MATERIAL = re.compile(
    r"(?P<name>.*?)\s*\(\s*(?P<count>\d+)\s*(?P<unit>(?:(?!per\b)[A-Za-z]+\s*)*?)"
    r"(?:\bper\s+(?P<per>[A-Za-z]+))?\s*\)"
)
_PER = {
    "participant": "participant", "participants": "participant", "person": "participant",
    "people": "participant", "group": "group", "groups": "group", "session": "session",
    "sessions": "session",
}
MATERIAL_FORMS = ("'Name', 'Name (N)', 'Name (N per participant)' or 'Name (N per group)' "
                  "(a unit may follow N: 'Sticky notes (1 pad per participant)')")


def parse_material(text: str, loc: Loc | None = None) -> Material:
    """Return a Material from ``Name (N per participant|group)``, ``Name (N)`` or ``Name``.

    A unit word after N (``(1 pad per participant)``) is kept in the name: ``Name (pad)``.
    Raise ValueError with a message for a count that cannot be read.
    """
    text = " ".join(text.split())
    match = _MATERIAL.fullmatch(text)
    if match is None:
        if re.search(r"\(\s*\d", text) or not text:
            raise ValueError(f"cannot read material '{text}': expected {MATERIAL_FORMS}")
        return Material(text, 1, "session", loc)
    per = _PER.get((match["per"] or "session").lower())
    count = int(match["count"])
    if per is None or count < 1 or not match["name"]:
        raise ValueError(f"cannot read material '{text}': expected {MATERIAL_FORMS}")
    unit = match["unit"].strip()
    return Material(f"{match['name']} ({unit})" if unit else match["name"], count, per, loc)


def build_activity(attrs: Attrs, raw: list[Raw], loc: Loc, ctx: Context) -> list[Raw]:
    """Return the activity slide marker for one activity div."""
    minutes = _int_attr(attrs, "minutes", loc, ctx, required=True)
    title = attrs.values.get("title", "").strip()
    if not title:
        ctx.error('an activity needs a title: ::: {.activity title="..." minutes=15}', loc)
    for key in attrs.values:
        if key not in ATTRIBUTES:
            ctx.error(f"unknown activity attribute '{key}': expected one of "
                      f"{', '.join(ATTRIBUTES)}", loc)
    rest, notes = lift_notes(raw)
    parts = [item for item in rest if isinstance(item, Part)]
    activity = Activity(
        title=title, minutes=minutes or 0, loc=loc,
        group=attrs.values.get("group", ""),
        group_size=_int_attr(attrs, "group_size", loc, ctx, required=False),
        intro=model_blocks([i for i in rest if not isinstance(i, Part)], ctx, "an activity"),
        materials=tuple(m for p in _parts(parts, "materials") for m in _materials(p, ctx)),
        steps=tuple(t for p in _parts(parts, "steps") for t in _texts(p, ctx)),
        debrief=tuple(t for p in _parts(parts, "debrief") for t in _texts(p, ctx)),
        tips=tuple(t for p in _parts(parts, "tip") for t in _tips(p, ctx)),
        notes=notes,
    )
    _check_parts(parts, ctx)
    return [ActivitySlide(activity, attrs.words("audience"), loc)]


def _int_attr(attrs: Attrs, key: str, loc: Loc, ctx: Context, required: bool) -> int | None:
    value = attrs.values.get(key)
    if value is None:
        if required:
            ctx.error(f"an activity needs {key}=N (whole minutes)", loc)
        return None
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        what, example = ("minutes", 10) if key == "minutes" else ("people", 4)
        ctx.error(f"activity {key} must be a whole number of {what} above 0, such as "
                  f"{key}={example}; found '{value}'", loc, BAD_VALUE)
        return None
    return int(value)


def _parts(parts: list[Part], kind: str) -> list[Part]:
    return [p for p in parts if p.kind == kind]


def _check_parts(parts: list[Part], ctx: Context) -> None:
    for part in parts:
        if part.kind == "column":
            ctx.error("'::: column' belongs inside ':::: columns', not in an activity", part.loc)


def _items(part: Part, ctx: Context) -> list[tuple[Text, Loc]]:
    """Return the text of each list item or paragraph in a part, one entry each."""
    out: list[tuple[Text, Loc]] = []
    for block in model_blocks(list(part.raw), ctx, f"'::: {part.kind}'"):
        if isinstance(block, ListBlock):
            out.extend((item.text, _nth_line(block.loc, n)) for n, item in enumerate(block.items))
            if any(item.children for item in block.items):
                ctx.error(f"'::: {part.kind}' takes one flat list: one entry per item",
                          block.loc)
        elif isinstance(block, Paragraph):
            out.append((block.text, block.loc))
        else:
            ctx.error(f"'::: {part.kind}' takes a list, found {describe(block)}",
                      getattr(block, "loc", part.loc))
    return out


def _nth_line(loc: Loc, index: int) -> Loc:
    """Return the line of a list's nth item, assuming one line per item (tight lists)."""
    return Loc(loc.path, (loc.line or 0) + index)


def _texts(part: Part, ctx: Context) -> list[Text]:
    return [text for text, _ in _items(part, ctx)]


def _materials(part: Part, ctx: Context) -> list[Material]:
    out = []
    for text, loc in _items(part, ctx):
        try:
            out.append(parse_material("".join(s.text for s in text if not s.soft_break), loc))
        except ValueError as exc:
            ctx.error(str(exc), loc)
    return out


def _tips(part: Part, ctx: Context) -> list[Tip]:
    audiences = part.attrs.words("audience")
    if not audiences:
        ctx.error('a tip is for an audience: :::: {.tip audience="self-advocates"}', part.loc)
    rest, notes = lift_notes(list(part.raw))
    blocks: tuple[Block, ...] = model_blocks(rest, ctx, "a tip")
    if notes:
        ctx.error("'::: notes' inside a tip: put activity notes directly in the activity",
                  part.loc)
    return [Tip(audience, blocks) for audience in audiences]
