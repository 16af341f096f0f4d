"""Template geometry rules (PG416-PG418): placeholders that overlap, fall off the slide, or
share an idx.

Boxes are the placeholders' effective ones (``PlaceholderInfo.box``: their own, else their
master placeholder's of the same type), so a layout that inherits its title from the master
is measured where the title really sits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations

from packgen.errors import Diagnostic, info, warning
from packgen.rules.base import described
from packgen.rules.ooxml.templatedoc import LayoutDoc, PlaceholderInfo, TemplateDoc

OVERLAP, OFF_SLIDE, SHARED_IDX = "PG416", "PG417", "PG418"
TOLERANCE = 90000
"""EMU (0.25 cm): overlaps and overhangs smaller than this each way are not reported."""
FILLED = ("title", "body", "picture")
"""The placeholder roles packgen writes into, compared with each other for overlaps."""
EMU_PER_CM = 360000


def check_geometry(doc: TemplateDoc, layouts: Iterable[LayoutDoc], shown: str
                   ) -> list[Diagnostic]:
    """Return the geometry findings of ``layouts`` (of ``doc``), each said once.

    Masters holding the same layouts with the same problem give one line; when only some of
    the layouts of one name have it, the line names the master (``master 2``).
    """
    chosen = list(layouts)
    names = [lay.name for lay in doc.layouts]
    found = [(layout, code, message) for layout in chosen
             for code, message in _problems(doc, layout)]
    diags = []
    for layout, code, message in found:
        alike = sum(1 for other, c, m in found if other.name == layout.name
                    and (c, m) == (code, message))
        label = f"layout '{layout.name}'"
        if alike < names.count(layout.name):
            label += f" ({_master(doc, layout)})"
        diags.append(warning(f"{label}: {message}", shown, None, code))
    return _once(diags + shared_idx(chosen, shown))


def _problems(doc: TemplateDoc, layout: LayoutDoc) -> list[tuple[str, str]]:
    infos = [i for _, i in layout.placeholders]
    return ([(OVERLAP, m) for m in overlaps(infos)]
            + [(OFF_SLIDE, m) for m in off_slide(infos, doc.slide_size)])


def overlaps(infos: Sequence[PlaceholderInfo]) -> list[str]:
    """Return one line per two filled placeholders (title, body, picture) that overlap."""
    filled = [i for i in infos if i.role in FILLED]
    lines = []
    for one, other in combinations(filled, 2):
        wide, high = _intersection(one.box, other.box)
        if wide > TOLERANCE and high > TOLERANCE:
            lines.append(f"{_named(one)} and {_named(other)} overlap by {_cm(wide)} x "
                         f"{_cm(high)} cm: text in one would sit on the other")
    return lines


def off_slide(infos: Sequence[PlaceholderInfo], size: tuple[int, int]) -> list[str]:
    """Return one line per placeholder that reaches more than the tolerance off the slide."""
    width, height = size
    if not width or not height:
        return []
    lines = []
    for one in infos:
        x, y, w, h = one.box
        over = {"left": -x, "top": -y, "right": x + w - width, "bottom": y + h - height}
        edges = [f"{_cm(amount)} cm past the {edge}" for edge, amount in over.items()
                 if amount > TOLERANCE]
        if edges and w and h:
            lines.append(f"{_named(one)} lies partly off the slide ({', '.join(edges)})")
    return lines


def shared_idx(layouts: Sequence[LayoutDoc], shown: str) -> list[Diagnostic]:
    """Return one info line when placeholders of some layouts share an idx (PG418)."""
    sharing = [lay for lay in layouts if _repeated(lay)]
    if not sharing:
        return []
    first = sharing[0]
    example = ", ".join(i.type for _, i in first.placeholders if i.idx == _repeated(first)[0])
    count = len({lay.name for lay in sharing})
    return [info(f"placeholders share an idx on {count} layout(s) (e.g. '{first.name}': idx "
                 f"{_repeated(first)[0]} for {example}); packgen writes each box on its slides",
                 shown, None, SHARED_IDX)]


def _master(doc: TemplateDoc, layout: LayoutDoc) -> str:
    """Return how to tell the layout's master apart: its name, else its place (``master 2``)."""
    if layout.master_name:
        return f"master '{layout.master_name}'"
    place = next((n for n, (_, el) in enumerate(doc.masters, start=1) if el is layout.master), 0)
    return f"master {place}"


def _repeated(layout: LayoutDoc) -> list[int]:
    seen = [i.idx for _, i in layout.placeholders]
    return sorted({idx for idx in seen if seen.count(idx) > 1})


def _intersection(one: tuple[int, int, int, int], other: tuple[int, int, int, int]
                  ) -> tuple[int, int]:
    wide = min(one[0] + one[2], other[0] + other[2]) - max(one[0], other[0])
    high = min(one[1] + one[3], other[1] + other[3]) - max(one[1], other[1])
    return max(wide, 0), max(high, 0)


def _named(one: PlaceholderInfo) -> str:
    return f"{one.type} '{one.name}'"


def _cm(emu: int) -> str:
    return f"{emu / EMU_PER_CM:.1f}"


def _once(diags: list[Diagnostic]) -> list[Diagnostic]:
    return list(dict.fromkeys(diags))


RULES = described("packgen.rules.template_geometry", [OVERLAP, OFF_SLIDE, SHARED_IDX])
"""The template geometry rules, in code order."""
